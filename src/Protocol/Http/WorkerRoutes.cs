namespace Gateway.Protocol.Http;

/// <summary>A worker's internal routes, for the gateway only (each call carries <see cref="ProtocolHeaders.WorkerToken"/>).</summary>
public static class WorkerRoutes
{
    /// <summary>GET: the version that serves.</summary>
    public const string Models = "/internal/models";

    /// <summary>POST <c>{"model": "&lt;package folder&gt;"}</c>: validate, load beside the running version, switch, free the old one.</summary>
    public const string ActivateModel = Models + "/activate";
}
