using Gateway.Configuration;
using Gateway.Protocol.Errors;
using Gateway.Text.Chat;

namespace Gateway.Routing;

/// <summary>
/// Decides a request's department, in order: the model field (a department, an alias or
/// "department:version"), the API key's pin, then the intent model on the conversation, falling back
/// below the confidence threshold. A key may only reach the departments it is pinned to.
/// </summary>
public sealed class DepartmentRouter(IntentClassifierHost intent)
{
    public RouteDecision Decide(RoutingConfig config, ApiKeyConfig? key, string? model, IReadOnlyList<ChatTurn> conversation)
    {
        var decision = Explicit(config, model) ?? Pinned(key) ?? ByIntent(config, key, conversation);
        if (key is not null && !key.Allows(decision.Department))
        {
            throw new OpenAiException(403, $"The API key '{key.Name}' may not use the '{decision.Department}' department (allowed: {string.Join(", ", key.Departments)})",
                code: "department_not_allowed", param: "model");
        }

        return decision;
    }

    private static RouteDecision? Explicit(RoutingConfig config, string? model)
    {
        if (string.IsNullOrWhiteSpace(model) || model == "auto")
        {
            return null;
        }

        string name = model, version = "";
        int colon = model.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            (name, version) = (model[..colon], model[(colon + 1)..]);
        }

        string department = config.ResolveDepartment(name)
            ?? throw new OpenAiException(404, $"The model '{model}' does not exist: use 'auto', a department ({string.Join(", ", config.Departments.Keys)}) or one of their aliases",
                code: "model_not_found", param: "model");
        string reason = department == name ? "model field" : "alias";
        return new RouteDecision(department, 1.0, new Dictionary<string, double> { [department] = 1.0 }, reason, null, version.Length > 0 ? version : null);
    }

    private static RouteDecision? Pinned(ApiKeyConfig? key) => key is { Departments.Count: 1 }
        ? new RouteDecision(key.Departments[0], 1.0, new Dictionary<string, double> { [key.Departments[0]] = 1.0 }, "api key pin", null)
        : null;

    private RouteDecision ByIntent(RoutingConfig config, ApiKeyConfig? key, IReadOnlyList<ChatTurn> conversation)
    {
        var classifier = intent.Current;
        string fallback = config.Intent.Fallback;
        if (classifier is null || !conversation.Any(t => t.Is(ChatRoles.User) && t.Content is { Length: > 0 }))
        {
            return new RouteDecision(fallback, 0, new Dictionary<string, double>(), classifier is null ? "no intent model: fallback" : "no user text: fallback", classifier?.Version);
        }

        var scores = classifier.Score(conversation);
        intent.ScoreShadow(conversation, scores.Label);
        // A key pinned to several departments: the best-scoring department it may use.
        var (label, confidence) = key is { Departments.Count: > 1 }
            ? scores.Scores.Where(s => key.Allows(s.Key)).MaxBy(s => s.Value) is var best ? (best.Key, best.Value) : (fallback, 0)
            : (scores.Label, scores.Confidence);
        if (!config.Departments.ContainsKey(label) || confidence < config.Intent.Threshold)
        {
            return new RouteDecision(fallback, confidence, scores.Scores, $"below threshold {config.Intent.Threshold:0.##}: fallback", classifier.Version);
        }

        return new RouteDecision(label, confidence, scores.Scores, $"intent model ({scores.Reason})", classifier.Version);
    }
}
