using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Runtime;
using Gateway.Training.Model;

namespace Gateway.Training.Tests.Model;

public class OnnxParityTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Logits_PackedSequences_MatchOnnxRuntimeOnTheModelKitGraphWithin1e4(bool tied)
    {
        var config = TinyModels.Config(tied) with { VocabSize = 61, HiddenSize = 32, IntermediateSize = 88, HeadDim = 8, MaxPositions = 128 };
        var weights = LlamaWeights.Random(config, seed: 11, initStd: 0.1);
        using var dir = new Gateway.TestSupport.TemporaryDirectory();
        string path = Path.Combine(dir.Path, "model.onnx");
        OnnxModelWriter.Save(LlamaDecoderGraph.Build(weights), path);
        var rng = new Random(2);
        int[][] sequences = [.. new[] { 17, 70, 5 }.Select(n => Enumerable.Range(0, n).Select(_ => rng.Next(config.VocabSize)).ToArray())];

        var logits = new LlamaTrainingModel(LlamaParameters.From(weights))
            .Logits(PackedBatch.From([.. sequences.Select(s => new TrainingSequence(s, new bool[s.Length]))]));

        var shape = DecoderShape.From(config);
        using var session = new DecoderSession(path, shape);
        int row = 0;
        foreach (var sequence in sequences)
        {
            long[] ids = [.. sequence.Select(t => (long)t)];
            var (expected, _) = session.Forward(ids, [.. ids.Select(_ => 1L)], [.. Enumerable.Range(0, ids.Length).Select(p => (long)p)], 1, KvCache.Empty(shape, 1));
            for (int i = 0; i < expected.Length; i++)
            {
                float actual = logits[(row * config.VocabSize) + i];
                Assert.True(Math.Abs(expected[i] - actual) <= 1e-4f, $"row {row + (i / config.VocabSize)} logit {i % config.VocabSize}: onnx {expected[i]}, trainer {actual}");
            }

            row += sequence.Length;
        }
    }
}
