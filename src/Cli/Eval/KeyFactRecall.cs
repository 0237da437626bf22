using Gateway.Grounding;

namespace Gateway.Cli.Eval;

/// <summary>
/// Key-fact recall: the fraction of an example's key facts found in the answer, by the one rule for facts in text
/// (<see cref="AnswerFacts.Holds"/>: case-insensitive, whitespace-normalised, whole words).
/// </summary>
internal static class KeyFactRecall
{
    /// <summary>Null when the example lists no key facts (it then does not count towards the mean).</summary>
    public static double? Of(string answer, IReadOnlyList<string> keyFacts) =>
        keyFacts.Count == 0 ? null : AnswerFacts.CountIn(answer, keyFacts) / (double)keyFacts.Count;
}
