using Gateway.Grounding;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Validation;
using Gateway.TestSupport;
using Gateway.Training.Jobs;
using Gateway.Training.Packages;

namespace Gateway.Training.Tests.Jobs;

public class TrainingRunnerTests
{
    private static readonly TrainingOptions FewSteps = new() { Steps = 4, BatchSize = 2, LearningRate = 5e-3f, WarmupSteps = 1, Seed = 3 };

    [Fact]
    public void Load_Fp32PackageFromTheModelKit_GivesBackTheExactWeights()
    {
        var tokenizer = Text.Bpe.TokenizerFiles.Load(TestPackages.TokenizerDirectory);
        var expected = LlamaWeights.Random(TestPackages.Config(tokenizer.VocabSize), seed: 17, initStd: 0.08);

        var loaded = PackageWeights.Load(TestPackages.TinyFp32);

        Assert.Equal(expected.Config, loaded.Config);
        Assert.All(expected.Tensors, t => Assert.Equal(t.Value, loaded[t.Key]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_FineTuneFromPackageWithKnowledge_WritesValidChildPackageThatDiffers(bool fp16)
    {
        using var dir = new TemporaryDirectory();
        string parent = fp16 ? TestPackages.TinyFp16 : TestPackages.TinyFp32;
        var job = new TrainingJob
        {
            DataPath = TrainingData.WriteChat(dir.Path), OutputDirectory = dir.Combine("out"), FromPackage = parent,
            KnowledgeDirectory = TrainingData.WriteKnowledge(dir.Path), Version = "v2", Fp16 = fp16, Options = FewSteps,
            QuoteContext = true, Counterfactuals = 1, HoldOutOwnQuestion = !fp16, Unit = fp16 ? RetrievalUnit.Sentence : RetrievalUnit.Section,
        };

        var report = TrainingRunner.Run(job);

        var validation = PackageValidator.Validate(report.PackageDirectory);
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems));
        var manifest = PackageManifest.Load(report.PackageDirectory);
        Assert.Equal("it", manifest.Department);
        Assert.Equal(PackageManifest.Load(parent).Version, manifest.Parent);
        Assert.Equal(DataDigest.OfFile(job.DataPath), (string?)manifest.Training["data"]!["sha256"]);
        Assert.True((bool?)manifest.Training["knowledge"]!["quote_context"]);
        Assert.Equal(1, (int?)manifest.Training["knowledge"]!["counterfactuals"]);
        Assert.Equal(!fp16, (bool?)manifest.Training["knowledge"]!["hold_out_own_question"]);
        Assert.Equal(fp16 ? "sentence" : "section", (string?)manifest.Training["knowledge"]!["unit"]);
        Assert.Equal(4, (int?)manifest.Training["steps"]);
        var before = PackageWeights.Load(parent);
        var after = PackageWeights.Load(report.PackageDirectory);
        Assert.NotEqual(before["model.layers.0.self_attn.q_proj.weight"], after["model.layers.0.self_attn.q_proj.weight"]);
    }

    [Fact]
    public void Run_FineTuneWithoutUnitOrTopK_KeepsTheParentsGroundingFormat()
    {
        using var dir = new TemporaryDirectory();
        string parent = TestPackages.VersionedCopy(TestPackages.TinyFp32, dir.Path, "v1", unit: "sentence", topK: 2);
        var job = new TrainingJob
        {
            DataPath = TrainingData.WriteChat(dir.Path), OutputDirectory = dir.Combine("out"), FromPackage = parent,
            KnowledgeDirectory = TrainingData.WriteKnowledge(dir.Path), Version = "v2", Options = FewSteps with { Steps = 1 },
        };

        var knowledge = PackageManifest.Load(TrainingRunner.Run(job).PackageDirectory).Training["knowledge"]!;

        Assert.Equal("sentence", (string?)knowledge["unit"]);
        Assert.Equal(2, (int?)knowledge["top_k"]);
    }

    [Fact]
    public void Run_PresetWithTokenizer_WritesPackageWithoutParent()
    {
        using var dir = new TemporaryDirectory();
        var job = new TrainingJob
        {
            DataPath = TrainingData.WriteChat(dir.Path), OutputDirectory = dir.Combine("out"), Preset = "tiny",
            TokenizerDirectory = TestPackages.TokenizerDirectory, Department = "hr", Options = FewSteps with { Steps = 2 },
        };

        var report = TrainingRunner.Run(job);

        Assert.True(PackageValidator.Validate(report.PackageDirectory).IsValid);
        Assert.Null(report.Manifest.Parent);
        Assert.Equal("hr", report.Manifest.Department);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 2)]
    public void Validate_QuoteOrCounterfactualsWithoutKnowledge_Refused(bool quote, int counterfactuals)
    {
        var job = new TrainingJob
        {
            DataPath = "train.jsonl", OutputDirectory = "out", FromPackage = TestPackages.TinyFp32, QuoteContext = quote, Counterfactuals = counterfactuals,
        };

        var error = Assert.Throws<ArgumentException>(job.Validate);

        Assert.Contains("need --knowledge", error.Message, StringComparison.Ordinal);
    }
}
