using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Bpe;

namespace Gateway.TestSupport;

/// <summary>Tiny model packages built at test time with the model kit, shared per test run.</summary>
public static class TestPackages
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "gw-inference-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Lazy<string> Tokenizer = new(TrainTokenizer);
    private static readonly Lazy<string> Fp32 = new(() => Build("fp32", ElementType.Float));
    private static readonly Lazy<string> Fp16 = new(() => Build("fp16", ElementType.Float16));
    private static readonly Lazy<string> LongContext = new(() => Build("long", ElementType.Float, maxPositions: 4096));

    /// <summary>2 layers, hidden 64, context 256, fp32: decodes in well under a millisecond a token.</summary>
    public static string TinyFp32 => Fp32.Value;

    /// <summary>The same shape with fp16 weights, logits and KV cache.</summary>
    public static string TinyFp16 => Fp16.Value;

    /// <summary>The tiny shape with a 4096-token context, for generations long enough to interrupt.</summary>
    public static string TinyLongContext => LongContext.Value;

    /// <summary>The folder of the byte-level tokenizer every test package uses.</summary>
    public static string TokenizerDirectory => Tokenizer.Value;

    public static readonly string[] Sentences =
    [
        "The VPN client is SecureLink; connect before opening internal tools.",
        "Employees receive 28 days of paid annual leave plus public holidays.",
        "Returns are accepted within 30 days of delivery in the original packaging.",
        "Reset the headset by holding power and volume down for 10 seconds.",
        "Payslips are published in the HR portal on the 25th of each month.",
        "Report phishing with the Report phish button in the mail client.",
    ];

    public static LlamaConfig Config(int vocab, int maxPositions = 256) => new()
    {
        VocabSize = vocab, HiddenSize = 64, IntermediateSize = 128, NumLayers = 2, NumHeads = 4, NumKvHeads = 2,
        HeadDim = 16, MaxPositions = maxPositions, TieEmbeddings = true,
    };

    /// <summary>
    /// A copy of a package under another manifest version, optionally with evaluation results and the grounding it
    /// was trained with (<c>training.knowledge</c>: unit, top_k); files and hashes stay valid.
    /// </summary>
    public static string VersionedCopy(string source, string folder, string version, double? recall = null, string? unit = null, int? topK = null)
    {
        string target = Path.Combine(folder, version);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        // manifest.json is not in its own hash list, so editing it keeps the package valid.
        string manifestPath = Path.Combine(target, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["version"] = version;
        if (recall is double r)
        {
            manifest["metrics"]!["eval"] = new System.Text.Json.Nodes.JsonObject { ["keyFactRecall"] = r };
        }

        if (unit is not null || topK is not null)
        {
            manifest["training"] ??= new System.Text.Json.Nodes.JsonObject();
            manifest["training"]!["knowledge"] = new System.Text.Json.Nodes.JsonObject { ["unit"] = unit, ["top_k"] = topK };
        }

        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return target;
    }

    private static string TrainTokenizer()
    {
        string dir = Path.Combine(Root, "tokenizer");
        var corpus = Enumerable.Range(0, 40).SelectMany(_ => Sentences);
        var trained = BpeTrainer.Train(corpus, new BpeTrainingOptions { VocabSize = 400 });
        Directory.CreateDirectory(dir);
        trained.Save(dir);
        return dir;
    }

    private static string Build(string name, ElementType type, int maxPositions = 256)
    {
        string dir = Path.Combine(Root, name);
        var tokenizer = TokenizerFiles.Load(Tokenizer.Value);
        var weights = LlamaWeights.Random(Config(tokenizer.VocabSize, maxPositions), seed: 17, initStd: 0.08);
        ModelPackageWriter.Write(dir, weights, Tokenizer.Value, new PackageSpec
        {
            Department = "it", Version = name, Graph = new DecoderGraphOptions(type, type), Overwrite = true,
        });
        return dir;
    }
}
