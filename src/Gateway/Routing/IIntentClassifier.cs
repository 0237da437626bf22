using Gateway.Text.Chat;

namespace Gateway.Routing;

/// <summary>Scores a conversation against the departments: the gateway's view of the intent model package.</summary>
public interface IIntentClassifier
{
    string Version { get; }

    IntentScores Score(IReadOnlyList<ChatTurn> conversation);
}

/// <param name="Label">The most likely department.</param>
/// <param name="Reason">What was scored, e.g. "last user message" or "last user message with earlier turns".</param>
public sealed record IntentScores(string Label, double Confidence, IReadOnlyDictionary<string, double> Scores, string Reason);
