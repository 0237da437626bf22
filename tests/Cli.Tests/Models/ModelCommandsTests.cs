namespace Gateway.Cli.Tests.Models;

public class ModelCommandsTests
{
    [Fact]
    public void NewThenValidate_TinyPresetFromCorpus_Succeeds()
    {
        using var dir = new TempFolder();
        string corpus = WriteCorpus(dir);
        string package = dir.Combine("hr", "v1");

        var created = GwCli.Run("model", "new", "--preset", "tiny", "--vocab-from", corpus, "--out", package, "--department", "hr", "--version", "v1", "--seed", "5");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains("(hr/v1): preset tiny", created.Stdout, StringComparison.Ordinal);

        var validated = GwCli.Run("model", "validate", package);
        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Contains("valid:", validated.Stdout, StringComparison.Ordinal);
        Assert.Contains("6 verified against manifest.json", validated.Stdout, StringComparison.Ordinal);
        Assert.Contains("smoke      8 tokens", validated.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void New_SameSeedTwice_GivesIdenticalWeightsAndTokenizer()
    {
        using var dir = new TempFolder();
        string corpus = WriteCorpus(dir);
        foreach (string name in new[] { "a", "b" })
        {
            var result = GwCli.Run("model", "new", "--vocab-from", corpus, "--out", dir.Combine(name), "--seed", "9");
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        foreach (string file in new[] { "model.onnx", "model.onnx.data", "tokenizer.json", "genai_config.json" })
        {
            Assert.Equal(File.ReadAllBytes(dir.Combine("a", file)), File.ReadAllBytes(dir.Combine("b", file)));
        }
    }

    [Fact]
    public void New_WithExistingTokenizer_SizesTheVocabularyToIt()
    {
        using var dir = new TempFolder();
        string corpus = WriteCorpus(dir);
        var first = GwCli.Run("model", "new", "--vocab-from", corpus, "--vocab-size", "600", "--out", dir.Combine("first"));
        Assert.True(first.ExitCode == 0, first.ToString());
        string vocab = System.Text.RegularExpressions.Regex.Match(first.Stdout, @"vocab (\d+)").Groups[1].Value;

        var reused = GwCli.Run("model", "new", "--tokenizer", dir.Combine("first"), "--out", dir.Combine("second"), "--fp16");

        Assert.True(reused.ExitCode == 0, reused.ToString());
        Assert.Contains($"vocab {vocab},", reused.Stdout, StringComparison.Ordinal);
        var inspected = GwCli.Run("model", "inspect", dir.Combine("second"));
        Assert.True(inspected.ExitCode == 0, inspected.ToString());
        Assert.Matches($@"output logits\s+Float16\s+\[batch_size, sequence_length, {vocab}\]", inspected.Stdout);
        Assert.Contains("parameters ", inspected.Stdout, StringComparison.Ordinal);
        Assert.Contains("model.onnx.data", inspected.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CorruptedPackage_ExitsNonZeroWithTheReason()
    {
        using var dir = new TempFolder();
        string corpus = WriteCorpus(dir);
        Assert.Equal(0, GwCli.Run("model", "new", "--vocab-from", corpus, "--out", dir.Combine("p")).ExitCode);
        File.AppendAllText(dir.Combine("p", "tokenizer_config.json"), " ");

        var result = GwCli.Run("model", "validate", dir.Combine("p"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tokenizer_config.json: size is", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void New_WithoutVocabSource_IsAUsageError()
    {
        var result = GwCli.Run("model", "new", "--out", "/tmp/never-written");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("exactly one of --vocab-from", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void New_MissingCorpus_FailsWithAClearMessage()
    {
        using var dir = new TempFolder();
        var result = GwCli.Run("model", "new", "--vocab-from", dir.Combine("nope.txt"), "--out", dir.Combine("p"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nope.txt", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("p")));
    }

    [Theory]
    [InlineData("model", "new")]
    [InlineData("model", "validate")]
    [InlineData("model", "inspect")]
    [InlineData("model", "convert")]
    public void Help_EveryCommand_PrintsUsage(string group, string command)
    {
        var result = GwCli.Run(group, command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_HuggingFaceCheckpoint_WritesAValidPackage()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, GwCli.Run("model", "new", "--vocab-from", WriteCorpus(dir), "--out", dir.Combine("donor")).ExitCode);
        var config = Gateway.ModelKit.Llama.HfConfigJson.Load(dir.Combine("donor"));
        string hf = Directory.CreateDirectory(dir.Combine("hf")).FullName;
        Gateway.ModelKit.Llama.HfConfigJson.Save(hf, config, null, [2], "float32");
        Gateway.ModelKit.Llama.LlamaWeights.Random(config, 4).Save(Path.Combine(hf, "model.safetensors"));
        foreach (string file in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            File.Copy(dir.Combine("donor", file), Path.Combine(hf, file));
        }

        var converted = GwCli.Run("model", "convert", hf, "--out", dir.Combine("pkg"), "--department", "it", "--version", "v3", "--parent", "v2");

        Assert.True(converted.ExitCode == 0, converted.ToString());
        var validated = GwCli.Run("model", "validate", dir.Combine("pkg"));
        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Contains("it/v3", validated.Stdout, StringComparison.Ordinal);
    }

    private static string WriteCorpus(TempFolder dir)
    {
        string path = dir.Combine("corpus.txt");
        var random = new Random(1);
        string[] words = ["leave", "policy", "VPN", "password", "headset", "firmware", "return", "warranty", "laptop", "payslip", "the", "a", "is", "for", "your", "days"];
        File.WriteAllLines(path, Enumerable.Range(0, 2000).Select(_ => string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)])) + "."));
        return path;
    }
}
