using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Inference.Models;
using Gateway.ModelKit.Validation;
using Gateway.Worker.Hosting;
using Gateway.Worker.OpenAi;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.Admin;

/// <summary>
/// The gateway's handle on a worker's model: GET /internal/models (what serves) and
/// POST /internal/models/activate {"model": "&lt;package folder&gt;"} (validate, load beside, switch, free the old).
/// Only mapped when the worker has an admin token; every call must carry it in x-worker-token.
/// </summary>
internal static class InternalModelEndpoints
{
    public const string TokenHeader = "x-worker-token";

    public static IEndpointRouteBuilder MapInternalModels(this IEndpointRouteBuilder app, WorkerOptions options)
    {
        if (string.IsNullOrEmpty(options.AdminToken))
        {
            return app;
        }

        var group = app.MapGroup("/internal/models").AddEndpointFilter(async (context, next) =>
            Authorized(context.HttpContext.Request, options.AdminToken)
                ? await next(context)
                : Results.Json(Error("a valid x-worker-token is required", "unauthorized"), statusCode: StatusCodes.Status401Unauthorized));
        group.MapGet("", (EngineHost host) => host.Model is { } m
            ? Results.Json(new { department = m.Department, version = m.Version, model = m.Directory, leases = m.Leases, retired_in_use = host.RetiredInUse })
            : Results.Json(new { department = host.Department, version = (string?)null }));
        group.MapPost("/activate", Activate);
        return app;
    }

    private static async Task<IResult> Activate(HttpContext context, EngineHost host)
    {
        using var document = await RequestReader.ParseAsync(context.Request, context.RequestAborted);
        string? directory = new RequestReader(document.RootElement).String("model");
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return Results.Json(Error($"'model' must name a package folder on this worker's machine ({directory ?? "missing"})", "package_missing"), statusCode: 422);
        }

        // The same checks as gw model validate, before anything is loaded next to the serving version.
        var report = PackageValidator.Validate(directory, new ValidationOptions(SmokeTokens: 4, RequireManifest: false));
        if (!report.IsValid)
        {
            return Results.Json(Error("package refused: " + string.Join("; ", report.Problems), "package_refused"), statusCode: 422);
        }

        try
        {
            var (active, previous, took) = await host.SwapAsync(directory, context.RequestAborted);
            return Results.Json(new { department = active.Department, version = active.Version, previous, load_ms = Math.Round(took.TotalMilliseconds) });
        }
        catch (Exception e) when (e is ModelLoadException or InvalidDataException or IOException or NotSupportedException)
        {
            return Results.Json(Error("package refused: " + e.Message, "package_refused"), statusCode: 422);
        }
    }

    private static bool Authorized(HttpRequest request, string token)
    {
        string? sent = request.Headers[TokenHeader];
        return sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(token));
    }

    private static JsonElement Error(string message, string code) =>
        JsonSerializer.SerializeToElement(new { error = new { message, type = "invalid_request_error", param = (string?)null, code } });
}
