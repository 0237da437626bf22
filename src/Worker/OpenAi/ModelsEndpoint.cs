using Gateway.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.OpenAi;

/// <summary>GET /v1/models: the one model this worker serves, under its department's name.</summary>
internal static class ModelsEndpoint
{
    public static async Task Handle(HttpContext context, EngineHost host, IOptions<WorkerOptions> options)
    {
        using var lease = WorkerRequest.Acquire(host, options.Value);
        var model = lease.Model;
        await WorkerRequest.WriteJsonAsync(context.Response, json =>
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            json.WriteStartObject();
            json.WriteString("id", model.Department);
            json.WriteString("object", "model");
            json.WriteNumber("created", model.CreatedUnix);
            json.WriteString("owned_by", "gateway");
            json.WriteString("version", model.Version);
            json.WriteNumber("max_model_len", model.Engine.Model.ContextLength);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }, context.RequestAborted).ConfigureAwait(false);
    }
}
