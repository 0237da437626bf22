namespace Gateway.Protocol.Http;

/// <summary>The headers our processes set for each other and for clients.</summary>
public static class ProtocolHeaders
{
    /// <summary>The secret the gateway shows a worker's internal model endpoints.</summary>
    public const string WorkerToken = "x-worker-token";

    /// <summary>One id per request, the client's when it sent a sane one; the gateway passes it to the worker and back.</summary>
    public const string RequestId = "x-request-id";

    /// <summary>The department that answered.</summary>
    public const string Department = "x-gateway-department";

    /// <summary>How sure the router was of the department (0..1).</summary>
    public const string RouteConfidence = "x-gateway-route-confidence";

    /// <summary>The version of the department's model that answered.</summary>
    public const string ModelVersion = "x-gateway-model-version";

    /// <summary>The knowledge-base passages that grounded the answer: ids, best first, comma-separated.</summary>
    public const string Grounding = "x-gateway-grounding";
}
