using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Proxy;

/// <summary>
/// Stands in for the connection's abort while a request is forwarded. YARP aborts the client
/// connection when a worker fails mid-response so a truncated body cannot pass for a whole one; for an
/// event stream we do better: the middleware sends an OpenAI error event and ends the stream cleanly.
/// </summary>
internal sealed class DeferredAbort(IHttpRequestLifetimeFeature inner) : IHttpRequestLifetimeFeature
{
    public CancellationToken RequestAborted
    {
        get => inner.RequestAborted;
        set => inner.RequestAborted = value;
    }

    public bool AbortRequested { get; private set; }

    public void Abort() => AbortRequested = true;

    public void AbortNow() => inner.Abort();
}
