using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Bpe;

namespace Gateway.Bench.Overhead;

/// <summary>
/// A tiny package as tests/TestSupport/TestPackages.cs builds it (byte-level BPE of 400 tokens, 2 layers, hidden 64,
/// fp32): the model's own time is small, so the gateway's overhead is a visible share of a request.
/// </summary>
internal static class BenchPackage
{
    private static readonly string[] Sentences =
    [
        "The VPN client is SecureLink; connect before opening internal tools.",
        "Employees receive 28 days of paid annual leave plus public holidays.",
        "Returns are accepted within 30 days of delivery in the original packaging.",
        "Reset the headset by holding power and volume down for 10 seconds.",
        "Payslips are published in the HR portal on the 25th of each month.",
        "Report phishing with the Report phish button in the mail client.",
    ];

    public static string Build(string root)
    {
        string tokenizerDir = Path.Combine(root, "tokenizer");
        string packageDir = Path.Combine(root, "package");
        var corpus = Enumerable.Range(0, 40).SelectMany(_ => Sentences);
        var trained = BpeTrainer.Train(corpus, new BpeTrainingOptions { VocabSize = 400 });
        Directory.CreateDirectory(tokenizerDir);
        trained.Save(tokenizerDir);

        var tokenizer = TokenizerFiles.Load(tokenizerDir);
        var config = new LlamaConfig
        {
            VocabSize = tokenizer.VocabSize, HiddenSize = 64, IntermediateSize = 128, NumLayers = 2, NumHeads = 4, NumKvHeads = 2,
            HeadDim = 16, MaxPositions = 1024, TieEmbeddings = true,
        };
        var weights = LlamaWeights.Random(config, seed: 17, initStd: 0.08);
        ModelPackageWriter.Write(packageDir, weights, tokenizerDir, new PackageSpec
        {
            Department = "it", Version = "bench", Graph = new DecoderGraphOptions(ElementType.Float, ElementType.Float), Overwrite = true,
        });
        return packageDir;
    }
}
