using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Bpe;

namespace Gateway.ModelKit.Tests;

/// <summary>Complete tiny packages, built at test time with the kit's own tokenizer trainer and writer.</summary>
internal static class TestPackages
{
    private static readonly Lazy<string> SharedTokenizer = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), "gw-tests", "tokenizer-" + Environment.ProcessId);
        var trained = BpeTrainer.Train(TrainingCorpus.Generate(40_000), new BpeTrainingOptions { VocabSize = 400 });
        Directory.CreateDirectory(dir);
        trained.Save(dir);
        return dir;
    });

    /// <summary>A folder with tokenizer.json and tokenizer_config.json, trained once per test run.</summary>
    public static string TokenizerDirectory => SharedTokenizer.Value;

    public static PackageManifest Write(string directory, PackageSpec? spec = null, int seed = 3)
    {
        var tokenizer = TokenizerFiles.Load(TokenizerDirectory);
        var config = TestModels.TinyConfig() with { VocabSize = tokenizer.VocabSize };
        return ModelPackageWriter.Write(directory, LlamaWeights.Random(config, seed, initStd: 0.1), TokenizerDirectory,
            spec ?? new PackageSpec { Department = "it", Version = "v7" });
    }

    /// <summary>Rewrites manifest.json so its hashes match the files again, isolating a test to one kind of damage.</summary>
    public static void RehashManifest(string directory)
    {
        var manifest = PackageManifest.Load(directory);
        (manifest with { Files = PackageManifest.HashFiles(directory) }).Save(directory);
    }
}
