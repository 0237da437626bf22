using Gateway.Grounding;

namespace Gateway.Training.Data;

/// <summary>
/// Counterfactual copies of a grounded example: every number that the answer takes from the context is
/// replaced, consistently in the context, the question and the answer, by another number of the same shape
/// ("28 days" becomes "63 days" everywhere). A model cannot recall such an answer from its weights; it has to
/// copy it from the passages, which is the skill grounding needs. (Counterfactual augmentation for faithful
/// grounding, as in Longpre et al. 2021, "Entity-based knowledge conflicts in question answering".)
/// </summary>
public static class CounterfactualNumbers
{
    /// <summary>The numbers of <paramref name="answer"/> that also occur in <paramref name="context"/>, whole tokens only.</summary>
    public static IReadOnlyList<string> Shared(string answer, string context)
    {
        var inContext = AnswerFacts.Numbers(context).ToHashSet(StringComparer.Ordinal);
        return [.. AnswerFacts.Numbers(answer).Where(inContext.Contains).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A replacement for each number: same digit count and decimal places, a different value.</summary>
    public static IReadOnlyDictionary<string, string> Mapping(IEnumerable<string> numbers, Random random)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string number in numbers)
        {
            string replacement;
            do
            {
                replacement = new string([.. number.Select((c, i) => char.IsAsciiDigit(c) ? RandomDigit(random, leading: i == 0 && number.Length > 1) : c)]);
            }
            while (replacement == number || mapping.ContainsValue(replacement));

            mapping[number] = replacement;
        }

        return mapping;
    }

    /// <summary>The text with each whole number found in <paramref name="mapping"/> replaced.</summary>
    public static string Apply(string text, IReadOnlyDictionary<string, string> mapping) =>
        AnswerFacts.ReplaceNumbers(text, n => mapping.TryGetValue(n, out var replacement) ? replacement : n);

    private static char RandomDigit(Random random, bool leading) => (char)('0' + random.Next(leading ? 1 : 0, 10));
}
