using System.Text.RegularExpressions;

namespace Gateway.ModelKit.Grounding;

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

    /// <summary>Whether the text holds a fact: case-insensitive containment, the one rule for matching facts to text.</summary>
    public static bool Holds(string text, string fact) => text.Contains(fact, StringComparison.OrdinalIgnoreCase);

    /// <summary>How many of the facts the text holds.</summary>
    public static int CountIn(string text, IEnumerable<string> facts) => facts.Count(f => Holds(text, f));

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
