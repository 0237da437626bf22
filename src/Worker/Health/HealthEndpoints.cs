using Gateway.Protocol.Http;
using Gateway.Worker.Hosting;

namespace Gateway.Worker.Health;

/// <summary>/healthz: the process answers. /readyz: the model is loaded and warmed up, so traffic may come.</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Health, () => Results.Text("ok"));
        app.MapGet(ApiRoutes.Ready, (EngineHost host) => host.Model is { } model
            ? Results.Json(new { status = "ready", department = model.Department, version = model.Version, active = model.Engine.ActiveSequences, queued = model.Engine.QueuedRequests })
            : Results.Json(new { status = "loading", department = host.Department }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
