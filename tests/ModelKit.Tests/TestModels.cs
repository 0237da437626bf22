using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;

namespace Gateway.ModelKit.Tests;

/// <summary>Tiny decoders built at test time; no test depends on a downloaded model.</summary>
internal static class TestModels
{
    public static LlamaConfig TinyConfig(bool tied = true) => new()
    {
        VocabSize = 97, HiddenSize = 32, IntermediateSize = 48, NumLayers = 2,
        NumHeads = 4, NumKvHeads = 2, HeadDim = 8, MaxPositions = 64, RopeTheta = 10000f, TieEmbeddings = tied,
    };

    /// <summary>Random weights, scaled up from Llama's init so the logits differ enough to make greedy choices meaningful.</summary>
    public static LlamaWeights Weights(LlamaConfig config, int seed = 7) => LlamaWeights.Random(config, seed, initStd: 0.1);

    public static string SaveOnnx(LlamaWeights weights, TemporaryDirectory dir, DecoderGraphOptions? options = null, OnnxSaveOptions? save = null)
    {
        string path = Path.Combine(dir.Path, "model.onnx");
        OnnxModelWriter.Save(LlamaDecoderGraph.Build(weights, options), path, save);
        return path;
    }
}
