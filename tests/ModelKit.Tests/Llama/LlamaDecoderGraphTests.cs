using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Runtime;
using Gateway.ModelKit.Tests.Reference;

namespace Gateway.ModelKit.Tests.Llama;

public class LlamaDecoderGraphTests
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Forward_BatchOfOne_MatchesReferenceWithin1e4(bool tied, bool externalData)
    {
        var weights = TestModels.Weights(TestModels.TinyConfig(tied));
        using var dir = new TemporaryDirectory();
        string model = TestModels.SaveOnnx(weights, dir, save: externalData ? OnnxSaveOptions.External("model.onnx.data") : null);
        Assert.Equal(externalData, File.Exists(Path.Combine(dir.Path, "model.onnx.data")));
        long[] prompt = [5, 17, 3, 88, 42, 42, 9, 60, 1, 33, 71];

        using var session = new DecoderSession(model, DecoderShape.From(weights.Config));
        var (logits, present) = session.Forward(prompt, Ones(prompt.Length), Range(0, prompt.Length), 1, KvCache.Empty(DecoderShape.From(weights.Config), 1));

        var expected = ReferenceLlama.Forward(weights, prompt);
        int vocab = weights.Config.VocabSize;
        for (int t = 0; t < prompt.Length; t++)
        {
            AssertClose(expected[t], logits.AsSpan(t * vocab, vocab), $"position {t}");
        }

        Assert.Equal(prompt.Length, present.Length);
        Assert.Equal(weights.Config.NumKvHeads * prompt.Length * weights.Config.HeadDim, present.Keys[0].Length);
    }

    [Fact]
    public void Forward_LeftPaddedBatchOfThree_EachRowMatchesItsPromptAlone()
    {
        var weights = TestModels.Weights(TestModels.TinyConfig());
        using var dir = new TemporaryDirectory();
        var shape = DecoderShape.From(weights.Config);
        using var session = new DecoderSession(TestModels.SaveOnnx(weights, dir), shape);
        long[][] prompts = [[4, 8, 15, 16, 23, 42, 7], [50, 60], [11, 12, 13, 14]];
        int width = prompts.Max(p => p.Length), vocab = weights.Config.VocabSize;

        // Left padding: pad id 0, mask 0, positions count from the first real token.
        var ids = prompts.SelectMany(p => Enumerable.Repeat(0L, width - p.Length).Concat(p)).ToArray();
        var mask = prompts.SelectMany(p => Enumerable.Repeat(0L, width - p.Length).Concat(Enumerable.Repeat(1L, p.Length))).ToArray();
        var positions = prompts.SelectMany(p => Enumerable.Repeat(0L, width - p.Length).Concat(Range(0, p.Length))).ToArray();
        var (logits, _) = session.Forward(ids, mask, positions, prompts.Length, KvCache.Empty(shape, prompts.Length));

        for (int row = 0; row < prompts.Length; row++)
        {
            var expected = ReferenceLlama.Forward(weights, prompts[row]);
            int pad = width - prompts[row].Length;
            for (int t = 0; t < prompts[row].Length; t++)
            {
                AssertClose(expected[t], logits.AsSpan(((row * width) + pad + t) * vocab, vocab), $"row {row} position {t}");
            }
        }
    }

    [Fact]
    public void DecodeStep_AfterLeftPaddedPrefill_MatchesEachPromptAloneWithItsNextToken()
    {
        var weights = TestModels.Weights(TestModels.TinyConfig());
        using var dir = new TemporaryDirectory();
        var shape = DecoderShape.From(weights.Config);
        using var session = new DecoderSession(TestModels.SaveOnnx(weights, dir), shape);
        long[][] prompts = [[9, 8, 7, 6, 5], [44, 45]];
        long[] next = [70, 71];
        int width = 5, vocab = weights.Config.VocabSize;
        var ids = prompts.SelectMany(p => Enumerable.Repeat(0L, width - p.Length).Concat(p)).ToArray();
        var mask = prompts.SelectMany(p => Enumerable.Repeat(0L, width - p.Length).Concat(Enumerable.Repeat(1L, p.Length))).ToArray();
        var positions = prompts.SelectMany(p => Enumerable.Repeat(0L, width - p.Length).Concat(Range(0, p.Length))).ToArray();
        var (_, cache) = session.Forward(ids, mask, positions, 2, KvCache.Empty(shape, 2));

        // One cached step: the padded slots stay masked, positions continue from each prompt's length.
        var stepMask = prompts.SelectMany(p => Enumerable.Repeat(0L, width - p.Length).Concat(Enumerable.Repeat(1L, p.Length + 1))).ToArray();
        var (logits, present) = session.Forward(next, stepMask, [prompts[0].Length, prompts[1].Length], 2, cache);

        Assert.Equal(width + 1, present.Length);
        for (int row = 0; row < 2; row++)
        {
            var expected = ReferenceLlama.Forward(weights, [.. prompts[row], next[row]]);
            AssertClose(expected[^1], logits.AsSpan(row * vocab, vocab), $"row {row}");
        }
    }

    [Fact]
    public void GreedyDecoding_WithKvCache_EqualsWithoutCacheFor32Tokens()
    {
        var weights = TestModels.Weights(TestModels.TinyConfig(), seed: 11);
        using var dir = new TemporaryDirectory();
        using var session = new DecoderSession(TestModels.SaveOnnx(weights, dir), DecoderShape.From(weights.Config));
        long[] prompt = [3, 14, 15, 92, 65];

        var cached = session.GreedyGenerate(prompt, 32, useCache: true);
        var uncached = session.GreedyGenerate(prompt, 32, useCache: false);

        Assert.Equal(32, cached.Count);
        Assert.Equal(uncached, cached);
        Assert.True(cached.Distinct().Count() > 1, "a constant output would make the comparison meaningless");
    }

    [Fact]
    public void Forward_Fp16WeightsAndIo_StaysCloseToFp32Reference()
    {
        var weights = TestModels.Weights(TestModels.TinyConfig());
        using var dir = new TemporaryDirectory();
        var options = new DecoderGraphOptions(ElementType.Float16, ElementType.Float16);
        var shape = DecoderShape.From(weights.Config, ElementType.Float16);
        using var session = new DecoderSession(TestModels.SaveOnnx(weights, dir, options), shape);
        Assert.Equal(Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16, session.Session.OutputMetadata["logits"].ElementDataType);
        long[] prompt = [1, 2, 3, 4, 5, 6];

        var (logits, present) = session.Forward(prompt, Ones(6), Range(0, 6), 1, KvCache.Empty(shape, 1));

        var expected = ReferenceLlama.Forward(weights, prompt);
        int vocab = weights.Config.VocabSize;
        float maxError = 0;
        for (int t = 0; t < prompt.Length; t++)
        {
            for (int v = 0; v < vocab; v++)
            {
                maxError = Math.Max(maxError, Math.Abs(expected[t][v] - logits[(t * vocab) + v]));
            }
        }

        Assert.InRange(maxError, 0, 2e-2f); // fp16 keeps ~3 significant digits
        Assert.Equal(6, present.Length);
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float error = Math.Abs(expected[i] - actual[i]);
            Assert.True(error <= Tolerance, $"{where}, logit {i}: expected {expected[i]}, got {actual[i]} (|Δ| = {error})");
        }
    }

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
    private static long[] Range(int start, int count) => Enumerable.Range(start, count).Select(i => (long)i).ToArray();
}
