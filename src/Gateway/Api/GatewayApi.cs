using Gateway.Protocol.Http;
using Gateway.Supervision;

namespace Gateway.Api;

internal static class GatewayApi
{
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(ApiRoutes.Models, ModelsEndpoint.Handle);
        app.MapPost(ApiRoutes.Route, RouteEndpoint.Handle);
        app.MapGet(ApiRoutes.Health, () => Results.Text("ok"));
        app.MapGet(ApiRoutes.Ready, (WorkerStatusTracker workers) => workers.AllDepartmentsReady()
            ? Results.Json(new { status = "ready" })
            : Results.Json(new { status = "waiting for workers" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPrometheusScrapingEndpoint(ApiRoutes.Metrics);
        return app;
    }
}
