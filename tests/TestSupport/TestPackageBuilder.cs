using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Bpe;

namespace Gateway.TestSupport;

/// <summary>
/// Builds small model packages with the model kit: a 400-token byte-level BPE tokenizer trained on a few
/// sentences, and seeded random Llama weights in a given shape. The tests' shared packages
/// (<see cref="TestPackages"/>) and the benches' packages are all built here.
/// </summary>
public static class TestPackageBuilder
{
    /// <summary>The tokenizer's training corpus (repeated 40 times), in the departments' own words.</summary>
    public static readonly string[] Sentences =
    [
        "The VPN client is SecureLink; connect before opening internal tools.",
        "Employees receive 28 days of paid annual leave plus public holidays.",
        "Returns are accepted within 30 days of delivery in the original packaging.",
        "Reset the headset by holding power and volume down for 10 seconds.",
        "Payslips are published in the HR portal on the 25th of each month.",
        "Report phishing with the Report phish button in the mail client.",
    ];

    /// <summary>2 layers, hidden 64, tied embeddings: decodes in well under a millisecond a token.</summary>
    public static LlamaConfig TinyConfig(int vocab, int maxPositions = 256) => new()
    {
        VocabSize = vocab, HiddenSize = 64, IntermediateSize = 128, NumLayers = 2, NumHeads = 4, NumKvHeads = 2,
        HeadDim = 16, MaxPositions = maxPositions, TieEmbeddings = true,
    };

    /// <summary>Trains the byte-level BPE tokenizer (400 tokens) on <see cref="Sentences"/> into a folder.</summary>
    public static string TrainTokenizer(string directory)
    {
        var corpus = Enumerable.Range(0, 40).SelectMany(_ => Sentences);
        var trained = BpeTrainer.Train(corpus, new BpeTrainingOptions { VocabSize = 400 });
        Directory.CreateDirectory(directory);
        trained.Save(directory);
        return directory;
    }

    /// <summary>
    /// A package (department "it") of seeded random weights in the shape <paramref name="shape"/> gives for the
    /// tokenizer's vocabulary, with weights, logits and KV cache in <paramref name="type"/>. Overwrites the folder.
    /// </summary>
    public static string Build(string directory, string tokenizerDirectory, string version, Func<int, LlamaConfig> shape,
        ElementType type = ElementType.Float, int seed = 17, double initStd = 0.08)
    {
        var tokenizer = TokenizerFiles.Load(tokenizerDirectory);
        var weights = LlamaWeights.Random(shape(tokenizer.VocabSize), seed, initStd);
        ModelPackageWriter.Write(directory, weights, tokenizerDirectory, new PackageSpec
        {
            Department = "it", Version = version, Graph = new DecoderGraphOptions(type, type), Overwrite = true,
        });
        return directory;
    }
}
