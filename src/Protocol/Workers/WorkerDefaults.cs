namespace Gateway.Protocol.Workers;

/// <summary>
/// Worker defaults the gateway relies on without passing them. The worker's options take their defaults from here, so
/// the two sides cannot drift apart.
/// </summary>
public static class WorkerDefaults
{
    /// <summary>
    /// Where a worker listens unless told (<c>--host 0.0.0.0</c> in a container): loopback, so a worker started by hand or
    /// by a local gateway is not reachable from other machines. A local gateway reaches its workers here.
    /// </summary>
    public const string Host = "127.0.0.1";

    /// <summary>
    /// The largest request body a worker accepts unless told otherwise, and the gateway's default limit too, so a gateway
    /// with default settings never forwards a body that a worker with default settings refuses (4 MiB).
    /// </summary>
    public const long MaxRequestBytes = 4 * 1024 * 1024;
}
