using System.Text.Json;
using Gateway.Configuration;
using Gateway.Supervision;

namespace Gateway.Api;

/// <summary>GET /v1/models: "auto" plus each department with its active model version.</summary>
internal static class ModelsEndpoint
{
    public static async Task Handle(HttpContext context, RoutingConfigStore configs, WorkerStatusTracker workers, TimeProvider clock)
    {
        var config = configs.Current;
        long created = clock.GetUtcNow().ToUnixTimeSeconds();
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        Write(json, "auto", created, "routed by the intent model", null, []);
        foreach (var (department, settings) in config.Departments)
        {
            Write(json, department, created, $"{department} department", workers.VersionOf(department), settings.Aliases);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, string id, long created, string description, string? version, IReadOnlyList<string> aliases)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", "model");
        json.WriteNumber("created", created);
        json.WriteString("owned_by", "gateway");
        json.WriteString("description", description);
        json.WriteString("version", version);
        json.WriteStartArray("aliases");
        foreach (string alias in aliases)
        {
            json.WriteStringValue(alias);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
