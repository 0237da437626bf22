namespace Gateway.Routing;

/// <summary>Where a request goes and why; returned by POST /v1/route and summarised in response headers.</summary>
/// <param name="Reason">One of: "model field", "alias", "api key pin", "intent model", "below threshold: fallback", "no intent model: fallback".</param>
public sealed record RouteDecision(
    string Department,
    double Confidence,
    IReadOnlyDictionary<string, double> Scores,
    string Reason,
    string? IntentModelVersion,
    string? RequestedVersion = null);
