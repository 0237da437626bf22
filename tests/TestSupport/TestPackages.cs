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

    /// <summary>The tiny shape (2 layers, hidden 64) with a context of <paramref name="maxPositions"/>.</summary>
    public static LlamaConfig Config(int vocab, int maxPositions = 256) => TestPackageBuilder.TinyConfig(vocab, maxPositions);

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

    private static string TrainTokenizer() => TestPackageBuilder.TrainTokenizer(Path.Combine(Root, "tokenizer"));

    private static string Build(string name, ElementType type, int maxPositions = 256) =>
        TestPackageBuilder.Build(Path.Combine(Root, name), Tokenizer.Value, version: name, vocab => Config(vocab, maxPositions), type);
}
