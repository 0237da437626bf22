using Gateway.Inference.Generation;
using Gateway.Inference.Models;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Runtime;

namespace Gateway.Inference.Tests.Engine;

internal static class EngineFixture
{
    public static InferenceEngine Load(string package, int maxBatch = 8, int maxQueue = 64, int[]? eos = null)
    {
        var config = GenAiConfig.Load(Path.Combine(package, GenAiConfig.FileName));
        return InferenceEngine.Load(
            new EngineOptions { ModelDirectory = package, MaxBatchSize = maxBatch, MaxQueuedRequests = maxQueue, IntraOpThreads = 1 },
            new IdTokenizer(config.VocabSize, eos ?? []));
    }

    /// <summary>Greedy tokens from the model kit's plain ONNX Runtime loop, the reference the engine must equal.</summary>
    public static IReadOnlyList<long> PlainOrtGreedy(string package, IReadOnlyList<int> prompt, int count, bool fp16 = false)
    {
        var config = GenAiConfig.Load(Path.Combine(package, GenAiConfig.FileName));
        using var session = new DecoderSession(Path.Combine(package, "model.onnx"),
            config.ToDecoderShape(fp16 ? ModelKit.Onnx.ElementType.Float16 : ModelKit.Onnx.ElementType.Float));
        return session.GreedyGenerate(prompt.Select(t => (long)t).ToList(), count);
    }

    public static GenerationRequest Greedy(IReadOnlyList<int> prompt, int maxTokens) =>
        new() { PromptTokens = prompt, Sampling = SamplingOptions.Greedy, MaxTokens = maxTokens };

    /// <summary>A deterministic prompt of the given length.</summary>
    public static int[] Prompt(int length, int salt) => Enumerable.Range(0, length).Select(i => 3 + ((i * 37) + (salt * 101)) % 390).ToArray();
}
