namespace Gateway.Protocol.Http;

/// <summary>The routes clients call, served by the gateway and, for a worker's own department, by each worker.</summary>
public static class ApiRoutes
{
    /// <summary>Everything under it needs an API key at the gateway.</summary>
    public const string OpenAiPrefix = "/v1";

    public const string ChatCompletions = OpenAiPrefix + "/chat/completions";
    public const string Completions = OpenAiPrefix + "/completions";
    public const string Models = OpenAiPrefix + "/models";

    /// <summary>The gateway's routing decision for a body, without generating.</summary>
    public const string Route = OpenAiPrefix + "/route";

    /// <summary>The process answers.</summary>
    public const string Health = "/healthz";

    /// <summary>Ready for traffic; the gateway's health checks probe it on every worker.</summary>
    public const string Ready = "/readyz";

    public const string Metrics = "/metrics";
}
