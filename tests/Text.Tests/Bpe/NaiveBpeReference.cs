using System.Text;
using Gateway.Text.Bpe;

namespace Gateway.Text.Tests.Bpe;

/// <summary>
/// Textbook BPE that recounts every pair before each merge: slow but obviously right, so the incremental
/// trainer can be checked against it merge by merge.
/// </summary>
internal static class NaiveBpeReference
{
    public static List<BpeMerge> Train(IEnumerable<string> texts, BpeTrainingOptions options)
    {
        var tokens = options.SpecialTokens.Concat(ByteLevelAlphabet.Symbols.Select(c => c.ToString())).ToList();
        var words = WordCounter.Count(texts, options.SpecialTokens)
            .Select(w => (Symbols: Encoding.UTF8.GetBytes(w.Key).Select(b => options.SpecialTokens.Count + b).ToList(), Count: w.Value))
            .ToList();
        var merges = new List<BpeMerge>();
        while (tokens.Distinct().Count() < options.VocabSize)
        {
            var counts = new Dictionary<(int, int), long>();
            foreach (var (symbols, count) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    counts[(symbols[i], symbols[i + 1])] = counts.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
                }
            }

            var best = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).FirstOrDefault();
            if (counts.Count == 0 || best.Value < options.MinFrequency)
            {
                break;
            }

            var (left, right) = best.Key;
            var text = tokens[left] + tokens[right];
            var merged = tokens.IndexOf(text);
            if (merged < 0)
            {
                merged = tokens.Count;
                tokens.Add(text);
            }

            merges.Add(new BpeMerge(tokens[left], tokens[right]));
            foreach (var (symbols, _) in words)
            {
                for (var i = 0; i + 1 < symbols.Count; i++)
                {
                    if (symbols[i] == left && symbols[i + 1] == right)
                    {
                        symbols[i] = merged;
                        symbols.RemoveAt(i + 1);
                    }
                }
            }
        }

        return merges;
    }
}
