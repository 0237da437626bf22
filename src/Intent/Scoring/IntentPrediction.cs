namespace Gateway.Intent.Scoring;

/// <summary>Which department a text or conversation belongs to, how sure the model is, and why.</summary>
/// <param name="Label">The most probable department.</param>
/// <param name="Confidence">Its probability (calibrated on the dev set).</param>
/// <param name="Scores">Every label's probability.</param>
/// <param name="ModelVersion">The intent-model package version that decided.</param>
/// <param name="Reason">What was scored: see <see cref="IntentReasons"/>.</param>
/// <param name="IsConfident">Confidence reaches the package's recommended threshold; below it, callers should fall back.</param>
public sealed record IntentPrediction(
    string Label,
    float Confidence,
    IReadOnlyDictionary<string, float> Scores,
    string ModelVersion,
    string Reason,
    bool IsConfident);

/// <summary>The texts a prediction can be based on.</summary>
public static class IntentReasons
{
    public const string Text = "text";
    public const string LastUserMessage = "last user message";
    public const string WithEarlierTurns = "last user message with earlier turns";
    public const string NoUserMessage = "no user message";
}
