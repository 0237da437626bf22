using System.Text.Json;
using Gateway.Configuration;
using Gateway.Lifecycle;
using Gateway.ModelKit.Packaging;
using Gateway.Protocol.Admin;
using Gateway.Protocol.Errors;

namespace Gateway.Admin;

/// <summary>
/// /admin: list departments and versions, register (a folder on the server or an uploaded .tar.gz),
/// validate, activate, roll back, the router's versions with shadow scoring, and the audit log.
/// Answers are the records of <see cref="AdminJsonContext"/>, which gw reads.
/// </summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(AdminRoutes.Prefix).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Items["admin.actor"] = AdminAuthorization.Require(http, http.RequestServices.GetRequiredService<RoutingConfigStore>().Current);
            try
            {
                return await next(context);
            }
            catch (LifecycleException e)
            {
                return new OpenAiException(e.Status, e.Message, code: "lifecycle").ToResult();
            }
        });

        admin.MapGet(AdminRoutes.Departments, (ModelRegistry registry, RoutingConfigStore configs) =>
            Results.Json(configs.Current.Departments.Keys.ToDictionary(d => d, d => AdminViews.Of(registry.Department(d) ?? new DepartmentVersions())),
                AdminJsonContext.Answers.DictionaryStringDepartmentModels));
        admin.MapPost(AdminRoutes.RegisterVersion, RegisterAsync);
        admin.MapPost(AdminRoutes.Activate, async (string department, HttpContext http, ModelLifecycle lifecycle) =>
            Results.Json(await lifecycle.ActivateAsync(department, await RequiredField(http, "version"), Actor(http), http.RequestAborted),
                AdminJsonContext.Answers.ActivationResult));
        // With a canary running, rollback stops it (the main workers never changed); otherwise it returns to the previous version.
        admin.MapPost(AdminRoutes.Rollback, async (string department, HttpContext http, ModelLifecycle lifecycle, CanaryManager canaries, ModelRegistry registry) =>
            await canaries.StopAsync(department, Actor(http), "rolled back", http.RequestAborted)
                ? Results.Json(new CanaryStopped(department, CanaryStopped.Stopped, registry.Department(department)?.Active), AdminJsonContext.Answers.CanaryStopped)
                : Results.Json(await lifecycle.RollbackAsync(department, Actor(http), http.RequestAborted), AdminJsonContext.Answers.ActivationResult));
        admin.MapPost(AdminRoutes.Canary, async (string department, HttpContext http, CanaryManager canaries) =>
        {
            var (version, percent) = await CanaryRequest(http);
            return Results.Json(await canaries.StartAsync(department, version, percent, Actor(http), http.RequestAborted), AdminJsonContext.Answers.CanaryStarted);
        });
        admin.MapPost(AdminRoutes.Promote, async (string department, HttpContext http, CanaryManager canaries) =>
            Results.Json(await canaries.PromoteAsync(department, Actor(http), http.RequestAborted), AdminJsonContext.Answers.ActivationResult));
        admin.MapGet(AdminRoutes.Audit, (ModelRegistry registry) =>
            Results.Json(registry.ReadAudit().Select(AdminViews.Of).ToList(), AdminJsonContext.Answers.IReadOnlyListAuditRecord));
        admin.MapRouterAdmin();
        return app;
    }

    private static async Task<IResult> RegisterAsync(string department, HttpContext http, ModelLifecycle lifecycle, PackageUploads uploads)
    {
        string path = http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
            ? await RequiredField(http, "path")
            : await uploads.ExtractAsync(department, http.Request, http.RequestAborted);
        var registered = await lifecycle.RegisterAsync(department, path, Actor(http), http.RequestAborted);
        return Results.Json(new RegistrationResult(department, PackageManifest.VersionOf(registered.Path), registered.Status, registered.Reason, registered.Path),
            AdminJsonContext.Answers.RegistrationResult, statusCode: registered.Status == "validated" ? 201 : 422);
    }

    // The requests (PathRequest, VersionRequest, CanaryRequest) are read field by field, so that each missing or
    // mistyped field gets its own 400 naming it.
    private static async Task<(string Version, int Percent)> CanaryRequest(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            var root = document.RootElement;
            string version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new OpenAiException(400, "'version' is required", code: "missing_field", param: "version");
            int percent = root.TryGetProperty("percent", out var p) && p.TryGetInt32(out int value) ? value : throw new OpenAiException(400, "'percent' (1..99) is required", code: "missing_field", param: "percent");
            return (version, percent);
        }
        catch (JsonException e)
        {
            throw new OpenAiException(400, $"the request body is not valid JSON: {e.Message}", code: "invalid_json");
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
                : throw new OpenAiException(400, $"'{name}' is required", code: "missing_field", param: name);
        }
        catch (JsonException e)
        {
            throw new OpenAiException(400, $"the request body is not valid JSON: {e.Message}", code: "invalid_json");
        }
    }
}
