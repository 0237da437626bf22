using System.Text.Json.Nodes;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Bpe;

namespace Gateway.Bench.Swap;

/// <summary>
/// The package the bench swaps: the model kit's "small" preset (6 layers, hidden 256, fp32) over a 400-token byte-level
/// BPE tokenizer, as version v1, and a byte-identical copy whose manifest says v2.
/// </summary>
internal static class SwapPackages
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

    public static (string V1, string V2) Build(string root)
    {
        string tokenizerDir = Path.Combine(root, "tokenizer");
        var trained = BpeTrainer.Train(Enumerable.Range(0, 40).SelectMany(_ => Sentences), new BpeTrainingOptions { VocabSize = 400 });
        Directory.CreateDirectory(tokenizerDir);
        trained.Save(tokenizerDir);

        var tokenizer = TokenizerFiles.Load(tokenizerDir);
        var weights = LlamaWeights.Random(LlamaPresets.Create("small", tokenizer.VocabSize), seed: 3);
        string v1 = Path.Combine(root, "v1");
        ModelPackageWriter.Write(v1, weights, tokenizerDir, new PackageSpec
        {
            Department = "it", Version = "v1", Graph = new DecoderGraphOptions(ElementType.Float, ElementType.Float), Overwrite = true,
        });
        return (v1, Copy(v1, Path.Combine(root, "v2"), "v2"));
    }

    /// <summary>The manifest's own file is not among its hashes, so only its version changes.</summary>
    private static string Copy(string source, string target, string version)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        string manifestPath = Path.Combine(target, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["version"] = version;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return target;
    }
}
