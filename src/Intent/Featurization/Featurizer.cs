namespace Gateway.Intent.Featurization;

/// <summary>
/// Text → hashed sparse features: word unigrams up to word n-grams, character n-grams of each word with
/// boundary marks ("&lt;vpn&gt;"), TF weighted (1 + ln count) and L2 normalised. The one code path both the
/// trainer and the scorer use, so training and serving cannot drift apart.
/// </summary>
public sealed class Featurizer(FeaturizerSettings settings)
{
    private const char WordKind = 'w';
    private const char CharKind = 'c';

    public FeaturizerSettings Settings { get; } = settings;

    public SparseFeatures Featurize(string text)
    {
        var (chars, words) = WordTokenizer.Split(text, Settings.DigitsAsZero, Settings.MaxWords);
        var counts = new Dictionary<int, int>();
        AddWordNgrams(chars, words, counts);
        AddCharNgrams(chars, words, counts);
        return Normalise(counts);
    }

    private void AddWordNgrams(char[] chars, List<(int Start, int Length)> words, Dictionary<int, int> counts)
    {
        for (int i = 0; i < words.Count; i++)
        {
            var hash = StableHash.Start(WordKind);
            for (int n = 1; n <= Settings.WordNgramMax && i + n <= words.Count; n++)
            {
                if (n > 1)
                {
                    hash.Add(' ');
                }

                var (start, length) = words[i + n - 1];
                hash.Add(chars.AsSpan(start, length));
                Count(counts, hash.Bucket(Settings.Buckets));
            }
        }
    }

    private void AddCharNgrams(char[] chars, List<(int Start, int Length)> words, Dictionary<int, int> counts)
    {
        Span<char> marked = stackalloc char[66];
        foreach (var (start, length) in words)
        {
            // Very long "words" (hashes, URLs) only add noise past the first 64 characters.
            int kept = Math.Min(length, 64);
            marked[0] = '<';
            chars.AsSpan(start, kept).CopyTo(marked[1..]);
            marked[kept + 1] = '>';
            var word = marked[..(kept + 2)];
            for (int n = Settings.CharNgramMin; n <= Settings.CharNgramMax; n++)
            {
                for (int at = 0; at + n <= word.Length; at++)
                {
                    var hash = StableHash.Start(CharKind);
                    hash.Add(word.Slice(at, n));
                    Count(counts, hash.Bucket(Settings.Buckets));
                }
            }
        }
    }

    private static void Count(Dictionary<int, int> counts, int bucket) =>
        counts[bucket] = counts.TryGetValue(bucket, out int c) ? c + 1 : 1;

    private static SparseFeatures Normalise(Dictionary<int, int> counts)
    {
        var indices = new long[counts.Count];
        var values = new float[counts.Count];
        int i = 0;
        foreach (int bucket in counts.Keys.Order())
        {
            indices[i++] = bucket;
        }

        double sumOfSquares = 0;
        for (i = 0; i < indices.Length; i++)
        {
            double tf = 1 + Math.Log(counts[(int)indices[i]]);
            values[i] = (float)tf;
            sumOfSquares += tf * tf;
        }

        float scale = sumOfSquares > 0 ? (float)(1 / Math.Sqrt(sumOfSquares)) : 0;
        for (i = 0; i < values.Length; i++)
        {
            values[i] *= scale;
        }

        return new SparseFeatures(indices, values);
    }
}
