using System.Text.Json;
using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Proxy;
using Gateway.Routing;

namespace Gateway.Api;

/// <summary>POST /v1/route: the routing decision for a chat or completions body, without generating.</summary>
internal static class RouteEndpoint
{
    public static async Task Handle(HttpContext context, RoutingConfigStore configs, DepartmentRouter router)
    {
        var config = configs.Current;
        var body = await GenerationRequestBody.ReadAsync(context.Request, config.MaxRequestBytes, context.RequestAborted);
        var decision = router.Decide(config, ApiKeyAuthentication.KeyOf(context), body.Model, body.Conversation);
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("department", decision.Department);
        json.WriteNumber("confidence", Math.Round(decision.Confidence, 4));
        json.WriteStartObject("scores");
        foreach (var (department, score) in decision.Scores.OrderByDescending(s => s.Value))
        {
            json.WriteNumber(department, Math.Round(score, 4));
        }

        json.WriteEndObject();
        json.WriteString("reason", decision.Reason);
        json.WriteString("intent_model_version", decision.IntentModelVersion);
        json.WriteNumber("threshold", config.Intent.Threshold);
        json.WriteString("fallback", config.Intent.Fallback);
        json.WriteEndObject();
    }
}
