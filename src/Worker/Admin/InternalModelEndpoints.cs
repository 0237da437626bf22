using Gateway.Inference.Models;
using Gateway.ModelKit.Validation;
using Gateway.Protocol.Errors;
using Gateway.Protocol.Http;
using Gateway.Protocol.Security;
using Gateway.Worker.Hosting;
using Gateway.Worker.OpenAi;

namespace Gateway.Worker.Admin;

/// <summary>
/// The gateway's handle on a worker's model: GET <see cref="WorkerRoutes.Models"/> (what serves) and
/// POST <see cref="WorkerRoutes.ActivateModel"/> {"model": "&lt;package folder&gt;"} (validate, load beside, switch, free the old).
/// Only mapped when the worker has an admin token; every call must carry it in <see cref="ProtocolHeaders.WorkerToken"/>.
/// </summary>
internal static class InternalModelEndpoints
{
    public static IEndpointRouteBuilder MapInternalModels(this IEndpointRouteBuilder app, WorkerOptions options)
    {
        if (string.IsNullOrEmpty(options.AdminToken))
        {
            return app;
        }

        // A 401 here has always said invalid_request_error rather than OpenAI's authentication_error: the gateway, its only client, reads the message.
        var unauthorized = new OpenAiException(StatusCodes.Status401Unauthorized, $"a valid {ProtocolHeaders.WorkerToken} is required", code: "unauthorized",
            type: "invalid_request_error");
        var internalRoutes = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            SecretComparer.FixedTimeEquals(context.HttpContext.Request.Headers[ProtocolHeaders.WorkerToken], options.AdminToken)
                ? await next(context)
                : unauthorized.ToResult());
        internalRoutes.MapGet(WorkerRoutes.Models, (EngineHost host) => host.Model is { } m
            ? Results.Json(new { department = m.Department, version = m.Version, model = m.Directory, leases = m.Leases, retired_in_use = host.RetiredInUse })
            : Results.Json(new { department = host.Department, version = (string?)null }));
        internalRoutes.MapPost(WorkerRoutes.ActivateModel, Activate);
        return app;
    }

    private static async Task<IResult> Activate(HttpContext context, EngineHost host)
    {
        using var document = await RequestReader.ParseAsync(context.Request, context.RequestAborted);
        string? directory = new RequestReader(document.RootElement).String("model");
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return Refused($"'model' must name a package folder on this worker's machine ({directory ?? "missing"})", "package_missing");
        }

        // The same checks as gw model validate, before anything is loaded next to the serving version.
        var report = PackageValidator.Validate(directory, new ValidationOptions(SmokeTokens: 4, RequireManifest: false));
        if (!report.IsValid)
        {
            return Refused("package refused: " + string.Join("; ", report.Problems), "package_refused");
        }

        try
        {
            var (active, previous, took) = await host.SwapAsync(directory, context.RequestAborted);
            return Results.Json(new { department = active.Department, version = active.Version, previous, load_ms = Math.Round(took.TotalMilliseconds) });
        }
        catch (Exception e) when (e is ModelLoadException or InvalidDataException or IOException or NotSupportedException)
        {
            return Refused("package refused: " + e.Message, "package_refused");
        }
    }

    private static IResult Refused(string message, string code) => new OpenAiException(StatusCodes.Status422UnprocessableEntity, message, code: code).ToResult();
}
