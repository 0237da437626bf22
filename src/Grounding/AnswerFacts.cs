using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Grounding;

/// <summary>
/// What an answer must have taken from somewhere rather than made up: its numbers ("28", "2.33", "1,299"), its
/// quoted names (menu items such as "Time off") and its addresses (emails, host names such as servicedesk.nordwave.com).
/// Training uses them to find the passage an answer came from.
/// </summary>
public static partial class AnswerFacts
{
    /// <summary>The answer's distinct numbers and quoted names, in order of appearance.</summary>
    public static IReadOnlyList<string> Of(string answer) =>
        [.. Numbers(answer).Concat(QuotedName().Matches(answer).Select(m => m.Groups[1].Value)).Concat(Address().Matches(answer).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// Whether the text holds a fact: the one rule for matching facts to text, used by training (which passage an answer
    /// came from) and by <c>gw eval</c> (key-fact recall) alike. Case-insensitive, with runs of whitespace as one space, and
    /// as whole words: "28 days" is not in "128 days", nor "P1" in "P12".
    /// </summary>
    public static bool Holds(string text, string fact) => HoldsNormalised(Normalise(text), Normalise(fact));

    /// <summary>How many of the facts the text holds (the text is normalised once).</summary>
    public static int CountIn(string text, IEnumerable<string> facts)
    {
        string normalised = Normalise(text);
        return facts.Count(f => HoldsNormalised(normalised, Normalise(f)));
    }

    /// <summary>Whether <paramref name="fact"/> occurs in <paramref name="text"/> (both normalised) not glued to a letter or digit on either side.</summary>
    private static bool HoldsNormalised(string text, string fact)
    {
        if (fact.Length == 0)
        {
            return true;
        }

        for (int at = text.IndexOf(fact, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fact, at + 1, StringComparison.Ordinal))
        {
            int end = at + fact.Length;
            bool startFree = at == 0 || !char.IsLetterOrDigit(fact[0]) || !char.IsLetterOrDigit(text[at - 1]);
            bool endFree = end == text.Length || !char.IsLetterOrDigit(fact[^1]) || !char.IsLetterOrDigit(text[end]);
            if (startFree && endFree)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower case, every run of whitespace one space, trimmed.</summary>
    private static string Normalise(string text)
    {
        var result = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }

    /// <summary>Every whole number in the text, in order.</summary>
    public static IEnumerable<string> Numbers(string text) => Number().Matches(text).Select(m => m.Value);

    /// <summary>The text with every whole number replaced by <paramref name="replace"/>'s result for it.</summary>
    public static string ReplaceNumbers(string text, Func<string, string> replace) => Number().Replace(text, m => replace(m.Value));

    /// <summary>A whole number: digits with an optional decimal part, not glued to other digits or letters.</summary>
    [GeneratedRegex(@"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")]
    private static partial Regex Number();

    /// <summary>An email address or a dotted host name ending in letters (not a version such as 2.4.1).</summary>
    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?![\w-])")]
    private static partial Regex Address();

    [GeneratedRegex("\"([^\"]{2,60})\"")]
    private static partial Regex QuotedName();
}
