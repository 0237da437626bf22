using System.Text;

namespace Gateway.Cli.Eval;

/// <summary>
/// Key-fact recall: the fraction of an example's key facts found in the answer (case-insensitive, whitespace-normalised,
/// as whole words: "28 days" is not found in "128 days", nor "P1" in "P12").
/// </summary>
internal static class KeyFactRecall
{
    /// <summary>Null when the example lists no key facts (it then does not count towards the mean).</summary>
    public static double? Of(string answer, IReadOnlyList<string> keyFacts)
    {
        if (keyFacts.Count == 0)
        {
            return null;
        }

        string text = Normalise(answer);
        return keyFacts.Count(f => Found(text, Normalise(f))) / (double)keyFacts.Count;
    }

    /// <summary>Whether <paramref name="fact"/> occurs in <paramref name="text"/> not glued to a letter or digit on either side.</summary>
    public static bool Found(string text, string fact)
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
    public static string Normalise(string text)
    {
        var result = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.Trim())
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
}
