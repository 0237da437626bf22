using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Protocol;
using Gateway.Protocol.Errors;
using Gateway.Protocol.Http;
using Gateway.Worker.Hosting;

namespace Gateway.Worker.OpenAi;

/// <summary>What every generation endpoint does first: check readiness, parse the body, check the model name.</summary>
internal static class WorkerRequest
{
    /// <summary>Leases the current model version for the whole request (a swap meanwhile does not touch it), or 503 while loading.</summary>
    public static ModelLease Acquire(EngineHost host, WorkerOptions options) =>
        host.TryAcquire() ?? throw new OpenAiException(503, $"the {host.Department} model is still loading", code: "model_loading")
        {
            RetryAfterSeconds = options.RetryAfterSeconds,
        };

    /// <summary>The common start of every endpoint with a body: a lease on the model, the body as JSON, the model name checked.</summary>
    public static async Task<(ModelLease Lease, JsonDocument Document, RequestReader Body)> OpenAsync(HttpContext context, EngineHost host, WorkerOptions options)
    {
        var lease = Acquire(host, options);
        JsonDocument? document = null;
        try
        {
            document = await RequestReader.ParseAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            var body = new RequestReader(document.RootElement);
            CheckModelName(body, lease.Model);
            return (lease, document, body);
        }
        catch
        {
            document?.Dispose();
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The "model" field may be absent, "auto", the department, or "department:version" of this worker.</summary>
    public static void CheckModelName(RequestReader body, LoadedWorkerModel model)
    {
        string? name = body.String("model");
        if (name is null || name.Length == 0 || name == "auto" || name == model.Department || name == $"{model.Department}:{model.Version}")
        {
            return;
        }

        throw new OpenAiException(404, $"The model '{name}' does not exist on this worker, which serves '{model.Department}' (version {model.Version})",
            "model", "model_not_found");
    }

    public static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public static long UnixNow(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeSeconds();

    public static void SetModelHeaders(HttpResponse response, LoadedWorkerModel model)
    {
        response.Headers[ProtocolHeaders.Department] = model.Department;
        response.Headers[ProtocolHeaders.ModelVersion] = model.Version;
    }

    public static async Task WriteJsonAsync(HttpResponse response, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(response.Body, ProtocolJson.WriterOptions);
        write(json);
        await json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
