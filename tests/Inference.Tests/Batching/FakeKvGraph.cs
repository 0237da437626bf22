using Gateway.Inference.Batching;
using Gateway.Inference.Tests.Engine;

namespace Gateway.Inference.Tests.Batching;

/// <summary>
/// Stands in for the decoder graph over a <see cref="BatchCache"/>: a step copies the past into the present, as
/// ONNX Runtime's present outputs do, and writes a mark for each new token that says whose token it is and which
/// one, so a test can tell that every row's keys and values survived compaction and joining in the right place.
/// </summary>
internal static class FakeKvGraph
{
    public const int Layers = 2, KvHeads = 2, HeadDim = 3;

    public static BatchCache NewCache() => new(Layers, KvHeads, HeadDim, elementSize: 1);

    /// <summary>A sequence whose prompt of <paramref name="tokens"/> ids all read <paramref name="tag"/>, its mark.</summary>
    public static Sequence Sequence(int tag, int tokens) =>
        new(EngineFixture.Greedy(Enumerable.Repeat(tag, tokens).ToArray(), 4), 4, 16, new IdTokenizer(16), 0);

    /// <summary>Runs one fake step that appends <paramref name="positions"/> to every row, then commits it.</summary>
    public static void Step(BatchCache cache, int positions)
    {
        var kv = cache.Next(positions);
        for (int row = 0; row < cache.Count; row++)
        {
            int tag = Tag(cache.Rows[row]), padding = cache.PaddingOf(row);
            for (int layer = 0; layer < Layers; layer++)
            {
                for (int head = 0; head < KvHeads; head++)
                {
                    for (int at = 0; at < kv.PresentLength; at++)
                    {
                        for (int d = 0; d < HeadDim; d++)
                        {
                            long to = Offset(row, head, at, d, kv.PresentLength);
                            if (at < kv.PastLength)
                            {
                                long from = Offset(row, head, at, d, kv.PastLength);
                                kv.Present.Keys(layer)[(int)to] = kv.Past.Keys(layer)[(int)from];
                                kv.Present.Values(layer)[(int)to] = kv.Past.Values(layer)[(int)from];
                            }
                            else
                            {
                                bool real = at >= padding;
                                kv.Present.Keys(layer)[(int)to] = real ? Mark(tag, at - padding, layer, head, d, value: false) : (byte)0;
                                kv.Present.Values(layer)[(int)to] = real ? Mark(tag, at - padding, layer, head, d, value: true) : (byte)0;
                            }
                        }
                    }
                }
            }
        }

        cache.Append(positions);
    }

    /// <summary>Asserts the row holds its sequence's tokens 0..TokensIn-1, right-aligned, in keys and values of every layer.</summary>
    public static void AssertRowHolds(BatchCache cache, int row, int tokens)
    {
        Assert.Equal(tokens, cache.TokensIn(row));
        Assert.Equal(cache.Length - tokens, cache.PaddingOf(row));
        var past = cache.Next(1);
        Assert.Equal(cache.Length, past.PastLength);
        int tag = Tag(cache.Rows[row]);
        for (int layer = 0; layer < Layers; layer++)
        {
            for (int head = 0; head < KvHeads; head++)
            {
                for (int token = 0; token < tokens; token++)
                {
                    for (int d = 0; d < HeadDim; d++)
                    {
                        long at = Offset(row, head, cache.Length - tokens + token, d, cache.Length);
                        Assert.Equal(Mark(tag, token, layer, head, d, value: false), past.Past.Keys(layer)[(int)at]);
                        Assert.Equal(Mark(tag, token, layer, head, d, value: true), past.Past.Values(layer)[(int)at]);
                    }
                }
            }
        }
    }

    private static int Tag(Sequence sequence) => sequence.Request.PromptTokens[0];

    private static long Offset(int row, int head, int position, int d, int length) =>
        ((((((long)row * KvHeads) + head) * length) + position) * HeadDim) + d;

    /// <summary>Never 0 (the padding this fake writes), different for each tag, token, layer, head, element and K/V.</summary>
    private static byte Mark(int tag, int token, int layer, int head, int d, bool value) =>
        (byte)(1 + (((tag * 37) + (token * 11) + (layer * 5) + (head * 3) + d + (value ? 101 : 0)) % 250));
}
