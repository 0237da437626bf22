using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.TestSupport;
using Gateway.Text.Bpe;

namespace Gateway.Bench.Overhead;

/// <summary>
/// A tiny package as the tests build it (byte-level BPE of 400 tokens, 2 layers, hidden 64, fp32) with a 1024-token
/// context: the model's own time is small, so the gateway's overhead is a visible share of a request.
/// </summary>
internal static class BenchPackage
{
    public static string Build(string root)
    {
        string tokenizer = TestPackageBuilder.TrainTokenizer(Path.Combine(root, "tokenizer"));
        return TestPackageBuilder.Build(Path.Combine(root, "package"), tokenizer, version: "bench",
            vocab => TestPackageBuilder.TinyConfig(vocab, maxPositions: 1024));
    }
}
