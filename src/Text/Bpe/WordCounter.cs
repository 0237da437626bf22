using System.Buffers;

namespace Gateway.Text.Bpe;

/// <summary>
/// Splits training texts into pre-tokenized words and counts them. Special tokens are cut out first so
/// that no merge is ever learned across or inside them.
/// </summary>
internal static class WordCounter
{
    /// <summary>Returns the distinct words in ordinal order (order matters for determinism) with their counts.</summary>
    public static List<KeyValuePair<string, long>> Count(IEnumerable<string> texts, IReadOnlyList<string> specialTokens)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var specials = specialTokens.Count > 0 ? SearchValues.Create([.. specialTokens], StringComparison.Ordinal) : null;

        foreach (var text in texts)
        {
            var rest = text.AsSpan();
            while (!rest.IsEmpty)
            {
                var cut = specials is null ? -1 : rest.IndexOfAny(specials);
                var segment = cut < 0 ? rest : rest[..cut];
                CountSegment(segment, lookup);
                if (cut < 0)
                {
                    break;
                }

                rest = rest[(cut + MatchedLength(rest[cut..], specialTokens))..];
            }
        }

        var words = counts.ToList();
        words.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return words;
    }

    private static void CountSegment(ReadOnlySpan<char> segment, Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> lookup)
    {
        foreach (var match in ByteLevelPreTokenizer.Regex().EnumerateMatches(segment))
        {
            var word = segment.Slice(match.Index, match.Length);
            lookup.TryGetValue(word, out var count);
            lookup[word] = count + 1;
        }
    }

    // The longest special token starting here wins, so "<|im_end|>" is not cut short by a prefix token.
    private static int MatchedLength(ReadOnlySpan<char> text, IReadOnlyList<string> specialTokens)
    {
        var best = 0;
        foreach (var token in specialTokens)
        {
            if (token.Length > best && text.StartsWith(token, StringComparison.Ordinal))
            {
                best = token.Length;
            }
        }

        return best;
    }
}
