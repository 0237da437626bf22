using System.Text.Json;
using Gateway.Api;
using Gateway.Configuration;
using Gateway.Lifecycle;

namespace Gateway.Admin;

/// <summary>
/// /admin: list departments and versions, register (a folder on the server or an uploaded .tar.gz),
/// validate, activate, roll back, the router's versions with shadow scoring, and the audit log.
/// </summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Items["admin.actor"] = AdminAuthorization.Require(http, http.RequestServices.GetRequiredService<RoutingConfigStore>().Current);
            try
            {
                return await next(context);
            }
            catch (LifecycleException e)
            {
                return Results.Json(Error(e.Message, e.Status), statusCode: e.Status);
            }
        });

        admin.MapGet("/departments", (ModelRegistry registry, RoutingConfigStore configs) =>
            Results.Json(configs.Current.Departments.Keys.ToDictionary(d => d, d => registry.Department(d) ?? new DepartmentVersions())));
        admin.MapPost("/departments/{department}/versions", RegisterAsync);
        admin.MapPost("/departments/{department}/activate", async (string department, HttpContext http, ModelLifecycle lifecycle) =>
            Results.Json(await lifecycle.ActivateAsync(department, await RequiredField(http, "version"), Actor(http), http.RequestAborted)));
        // With a canary running, rollback stops it (the main workers never changed); otherwise it returns to the previous version.
        admin.MapPost("/departments/{department}/rollback", async (string department, HttpContext http, ModelLifecycle lifecycle, CanaryManager canaries, ModelRegistry registry) =>
            await canaries.StopAsync(department, Actor(http), "rolled back", http.RequestAborted)
                ? Results.Json(new { department, canary = "stopped", version = registry.Department(department)?.Active })
                : Results.Json(await lifecycle.RollbackAsync(department, Actor(http), http.RequestAborted)));
        admin.MapPost("/departments/{department}/canary", async (string department, HttpContext http, CanaryManager canaries) =>
        {
            var (version, percent) = await CanaryRequest(http);
            return Results.Json(await canaries.StartAsync(department, version, percent, Actor(http), http.RequestAborted));
        });
        admin.MapPost("/departments/{department}/promote", async (string department, HttpContext http, CanaryManager canaries) =>
            Results.Json(await canaries.PromoteAsync(department, Actor(http), http.RequestAborted)));
        admin.MapGet("/audit", (ModelRegistry registry) => Results.Json(registry.ReadAudit()));
        admin.MapRouterAdmin();
        return app;
    }

    private static async Task<IResult> RegisterAsync(string department, HttpContext http, ModelLifecycle lifecycle, PackageUploads uploads)
    {
        string path = http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            ? await RequiredField(http, "path")
            : await uploads.ExtractAsync(department, http.Request, http.RequestAborted);
        var registered = await lifecycle.RegisterAsync(department, path, Actor(http), http.RequestAborted);
        return Results.Json(new { department, version = Gateway.ModelKit.Packaging.PackageManifest.VersionOf(registered.Path), registered.Status, registered.Reason, registered.Path },
            statusCode: registered.Status == "validated" ? 201 : 422);
    }

    private static async Task<(string Version, int Percent)> CanaryRequest(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var root = document.RootElement;
            string version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new GatewayError(400, "'version' is required", "missing_field", "version");
            int percent = root.TryGetProperty("percent", out var p) && p.TryGetInt32(out int value) ? value : throw new GatewayError(400, "'percent' (1..99) is required", "missing_field", "percent");
            return (version, percent);
        }
        catch (JsonException e)
        {
            throw new GatewayError(400, $"the request body is not valid JSON: {e.Message}", "invalid_json");
        }
    }

    public static string Actor(HttpContext http) => http.Items["admin.actor"] as string ?? "admin";

    public static async Task<string> RequiredField(HttpContext http, string name)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new GatewayError(400, $"'{name}' is required", "missing_field", name);
        }
        catch (JsonException e)
        {
            throw new GatewayError(400, $"the request body is not valid JSON: {e.Message}", "invalid_json");
        }
    }

    public static object Error(string message, int status) =>
        new { error = new { message, type = status >= 500 ? "server_error" : "invalid_request_error", param = (string?)null, code = "lifecycle" } };
}
