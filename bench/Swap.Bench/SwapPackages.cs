using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.TestSupport;
using Gateway.Text.Bpe;

namespace Gateway.Bench.Swap;

/// <summary>
/// The package the bench swaps: the model kit's "small" preset (6 layers, hidden 256, fp32) over the tests' 400-token
/// byte-level BPE tokenizer, as version v1, and a byte-identical copy whose manifest says v2.
/// </summary>
internal static class SwapPackages
{
    public static (string V1, string V2) Build(string root)
    {
        string tokenizer = TestPackageBuilder.TrainTokenizer(Path.Combine(root, "tokenizer"));
        string v1 = TestPackageBuilder.Build(Path.Combine(root, "v1"), tokenizer, version: "v1",
            vocab => LlamaPresets.Create("small", vocab), seed: 3, initStd: 0.02);
        return (v1, TestPackages.VersionedCopy(v1, root, "v2"));
    }
}
