using System.Text;

namespace Gateway.Cli.Eval;

/// <summary>Key-fact recall: the fraction of an example's key facts found in the answer (case-insensitive, whitespace-normalised substring).</summary>
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
        return keyFacts.Count(f => text.Contains(Normalise(f), StringComparison.Ordinal)) / (double)keyFacts.Count;
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
