using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Protocol.Errors;
using Gateway.Protocol.Http;
using Gateway.Protocol.Streaming;
using Gateway.Routing;
using Gateway.Telemetry;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>
/// The gateway's step in YARP's proxy pipeline: read the body once, decide the department, rewrite the
/// model field, point the request at the department's cluster, and then guard the forwarding: one retry
/// on another healthy worker when a worker fails before the first byte, an OpenAI error event when it
/// fails mid-stream.
/// </summary>
public sealed class DepartmentProxyMiddleware(
    RoutingConfigStore configs, DepartmentRouter router, IProxyStateLookup proxyState, GatewayMetrics metrics, Lifecycle.CanaryManager canaries)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var config = configs.Current;
        var body = await GenerationRequestBody.ReadAsync(context.Request, config.MaxRequestBytes, context.RequestAborted);
        var decision = router.Decide(config, ApiKeyAuthentication.KeyOf(context), body.Model, body.Conversation);
        metrics.RecordDecision(decision);
        // A canary takes its share of the department, the same users every time.
        string clusterId = canaries.ClusterFor(decision.Department, body.StickyKey) ?? decision.Department;
        if (!proxyState.TryGetCluster(clusterId, out var cluster) && !proxyState.TryGetCluster(decision.Department, out cluster))
        {
            throw new OpenAiException(503, $"no workers are configured for '{decision.Department}'", code: "no_workers") { RetryAfterSeconds = 1 };
        }

        byte[] forwarded = body.WithModel(decision.Department);
        context.Request.Headers.Authorization = default; // the client's key stays at the gateway
        context.ReassignProxyRequest(cluster);
        StateDecisionInHeaders(context, decision);
        context.Request.Headers[ProtocolHeaders.RequestId] = RequestIds.Of(context); // the worker logs the same id
        var started = TimeProvider.System.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            metrics.RecordFirstByte(decision.Department, TimeProvider.System.GetElapsedTime(started));
            return Task.CompletedTask;
        });
        await ForwardWithRetryAsync(context, decision, forwarded, next);
        metrics.RecordUpstream(decision.Department, context.Response.StatusCode, TimeProvider.System.GetElapsedTime(started));
    }

    private static async Task ForwardWithRetryAsync(HttpContext context, RouteDecision decision, byte[] forwarded, Func<Task> next)
    {
        var lifetime = context.Features.Get<IHttpRequestLifetimeFeature>()!;
        var deferred = new DeferredAbort(lifetime);
        context.Features.Set<IHttpRequestLifetimeFeature>(deferred);
        var reset = context.Features.Get<IHttpResetFeature>();
        context.Features.Set<IHttpResetFeature>(null);
        // Load balancing narrows the feature's list to the one destination it picks; keep the full list for a retry.
        var candidates = context.GetReverseProxyFeature().AvailableDestinations;
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                Prepare(context, decision, forwarded);
                await next();
                var error = context.GetForwarderErrorFeature();
                if (error is null)
                {
                    return;
                }

                if (!context.Response.HasStarted && attempt == 0 && FailedBeforeResponse(error.Error) && ExcludeFailed(context, candidates))
                {
                    context.Features.Set<IForwarderErrorFeature>(null);
                    continue;
                }

                await ReportAsync(context, decision, error, deferred);
                return;
            }
        }
        finally
        {
            context.Features.Set(lifetime);
            context.Features.Set(reset);
        }
    }

    private static void Prepare(HttpContext context, RouteDecision decision, byte[] forwarded)
    {
        context.Request.Body = new MemoryStream(forwarded, writable: false);
        context.Request.ContentLength = forwarded.Length;
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// Sets the gateway's headers just before the response starts, after YARP copied the worker's, so the
    /// decision is stated once (a worker of ours also names its department and version).
    /// </summary>
    private static void StateDecisionInHeaders(HttpContext context, RouteDecision decision)
    {
        string confidence = decision.Confidence.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        string requestId = RequestIds.Of(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[ProtocolHeaders.Department] = decision.Department;
            headers[ProtocolHeaders.RouteConfidence] = confidence;
            headers[ProtocolHeaders.RequestId] = requestId;
            return Task.CompletedTask;
        });
    }

    private static bool FailedBeforeResponse(ForwarderError error) =>
        error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.NoAvailableDestinations;

    /// <summary>Leaves the failed worker out of the next attempt; false when no other worker is left.</summary>
    private static bool ExcludeFailed(HttpContext context, IReadOnlyList<DestinationState> candidates)
    {
        var proxy = context.GetReverseProxyFeature();
        var failed = proxy.ProxiedDestination;
        var others = candidates.Where(d => d != failed).ToList();
        if (failed is null || others.Count == 0)
        {
            return false;
        }

        proxy.AvailableDestinations = others;
        return true;
    }

    private static async Task ReportAsync(HttpContext context, RouteDecision decision, IForwarderErrorFeature error, DeferredAbort deferred)
    {
        if (!context.Response.HasStarted)
        {
            var failure = error.Error == ForwarderError.NoAvailableDestinations
                ? new OpenAiException(503, $"no healthy worker for '{decision.Department}' right now", code: "no_healthy_worker") { RetryAfterSeconds = 1 }
                : new OpenAiException(502, $"the {decision.Department} worker failed before answering ({error.Error})", code: "upstream_error");
            context.Response.Headers.Remove("Content-Length");
            await failure.WriteAsync(context.Response);
            return;
        }

        bool clientGone = context.RequestAborted.IsCancellationRequested;
        bool eventStream = context.Response.ContentType?.StartsWith(ServerSentEvents.MediaType, StringComparison.Ordinal) == true;
        if (deferred.AbortRequested && eventStream && !clientGone)
        {
            var failure = new OpenAiException(502, $"the {decision.Department} worker failed mid-stream ({error.Error}); the answer is incomplete", code: "upstream_error");
            await context.Response.Body.WriteAsync(failure.ToSseEvent());
            return;
        }

        if (deferred.AbortRequested)
        {
            deferred.AbortNow();
        }
    }
}
