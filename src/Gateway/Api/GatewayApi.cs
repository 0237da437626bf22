using Gateway.Supervision;

namespace Gateway.Api;

internal static class GatewayApi
{
    public static IEndpointRouteBuilder MapGatewayApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", ModelsEndpoint.Handle);
        app.MapPost("/v1/route", RouteEndpoint.Handle);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", (WorkerStatusTracker workers) => workers.AllDepartmentsReady()
            ? Results.Json(new { status = "ready" })
            : Results.Json(new { status = "waiting for workers" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
