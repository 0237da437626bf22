using System.Text;

namespace Gateway.Text.Bpe;

/// <summary>
/// Trains a GPT-2 / Qwen2 style byte-level BPE tokenizer. Ids: special tokens first, then the 256 byte
/// symbols in byte order, then one token per merge. The same texts and options always give the same result.
/// </summary>
public static class BpeTrainer
{
    public static TrainedTokenizer Train(
        IEnumerable<string> texts,
        BpeTrainingOptions options,
        IProgress<BpeTrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var tokens = new List<string>(options.VocabSize);
        var vocab = new Dictionary<string, int>(options.VocabSize, StringComparer.Ordinal);
        foreach (var token in options.SpecialTokens.Concat(ByteLevelAlphabet.Symbols.Select(static c => c.ToString())))
        {
            vocab.Add(token, tokens.Count);
            tokens.Add(token);
        }

        var baseCount = tokens.Count;
        var specialCount = options.SpecialTokens.Count;
        var words = WordCounter.Count(texts, options.SpecialTokens);
        var state = new PairMergeState(
            [.. words.Select(w => ToByteSymbolIds(w.Key, specialCount))],
            [.. words.Select(static w => w.Value)]);

        var targetMerges = options.VocabSize - baseCount;
        var reportEvery = Math.Max(1, targetMerges / 100);
        var merges = new List<BpeMerge>(targetMerges);
        while (tokens.Count < options.VocabSize && state.TryTakeBestPair(options.MinFrequency, out var left, out var right))
        {
            var mergedText = tokens[left] + tokens[right];

            // Two merge paths could spell the same token ("ab"+"c", "a"+"bc"). Not seen in practice, but if it
            // happens we do what Hugging Face does: keep the merge (words need it) and share the token id.
            if (!vocab.TryGetValue(mergedText, out var merged))
            {
                merged = tokens.Count;
                vocab.Add(mergedText, merged);
                tokens.Add(mergedText);
            }
            else if (merged < specialCount)
            {
                throw new InvalidOperationException($"A merge produced the special token text '{mergedText}'.");
            }

            state.Merge(left, right, merged);
            merges.Add(new BpeMerge(tokens[left], tokens[right]));
            if (progress is not null && merges.Count % reportEvery == 0)
            {
                progress.Report(new BpeTrainingProgress(tokens.Count - baseCount, targetMerges));
            }
        }

        progress?.Report(new BpeTrainingProgress(tokens.Count - baseCount, targetMerges));
        return new TrainedTokenizer(tokens, merges, options.SpecialTokens);
    }

    private static int[] ToByteSymbolIds(string word, int specialCount)
    {
        var bytes = Encoding.UTF8.GetBytes(word);
        var ids = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            ids[i] = specialCount + bytes[i];
        }

        return ids;
    }
}
