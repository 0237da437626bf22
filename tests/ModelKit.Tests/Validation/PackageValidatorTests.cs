using System.Text.Json.Nodes;
using Gateway.ModelKit.Validation;

namespace Gateway.ModelKit.Tests.Validation;

public class PackageValidatorTests
{
    [Fact]
    public void Validate_FreshPackage_IsValidAndGeneratesFiniteTokens()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path);

        var report = PackageValidator.Validate(dir.Path);

        Assert.True(report.IsValid, string.Join("\n", report.Problems));
        Assert.Equal(6, report.Summary.FilesVerified);
        Assert.Equal(8, report.Summary.SmokeTokens.Count);
        Assert.Equal("float32", report.Summary.IoType);
        Assert.NotNull(report.Summary.SmokeText);
    }

    [Fact]
    public void Validate_CorruptedDataFile_NamesTheFileAndTheHashMismatch()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path);
        string data = Path.Combine(dir.Path, "model.onnx.data");
        var bytes = File.ReadAllBytes(data);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(data, bytes);

        var report = PackageValidator.Validate(dir.Path);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("model.onnx.data", problem.File);
        Assert.StartsWith("sha256 is ", problem.Message, StringComparison.Ordinal);
        Assert.Contains("corrupted or altered", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WrongInputNameInConfig_NamesTheMissingGraphInputAndField()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path);
        EditGenAiConfig(dir.Path, decoder => decoder["inputs"]!["input_ids"] = "tokens");

        var report = PackageValidator.Validate(dir.Path);

        Assert.Contains(report.Problems, p => p.File == "model.onnx" &&
            p.Message == "graph has no input 'tokens' that genai_config.json names (model.decoder.inputs.input_ids)");
        Assert.Contains(report.Problems, p => p.Message == "graph input 'input_ids' is not named in genai_config.json");
        Assert.Empty(report.Summary.SmokeTokens);
    }

    [Fact]
    public void Validate_WrongPresentPattern_NamesEachMissingOutput()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path);
        EditGenAiConfig(dir.Path, decoder => decoder["outputs"]!["present_key_names"] = "present_key.%d");

        var report = PackageValidator.Validate(dir.Path);

        Assert.Contains(report.Problems, p => p.Message == "graph has no output 'present_key.1' that genai_config.json names (model.decoder.outputs.present_key_names)");
    }

    [Fact]
    public void Validate_MissingTokenizer_IsRefusedNamingTokenizerJson()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path);
        File.Delete(Path.Combine(dir.Path, "tokenizer.json"));

        var report = PackageValidator.Validate(dir.Path);

        Assert.False(report.IsValid);
        Assert.Contains(report.Problems, p => p.File == "tokenizer.json" && p.Message == "file is missing (manifest.json lists it)");
        Assert.Contains(report.Problems, p => p.File == "tokenizer.json" && p.Message.StartsWith("file is missing", StringComparison.Ordinal) && !p.Message.Contains("manifest", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TruncatedModel_ReportsThatOnnxRuntimeCannotLoadIt()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path);
        string model = Path.Combine(dir.Path, "model.onnx");
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..100]);
        TestPackages.RehashManifest(dir.Path);

        var report = PackageValidator.Validate(dir.Path);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("model.onnx", problem.File);
        Assert.StartsWith("ONNX Runtime cannot load it", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingManifest_IsRefusedUnlessNotRequired()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path);
        File.Delete(Path.Combine(dir.Path, "manifest.json"));

        Assert.Equal("manifest.json: file is missing: a package must list the sha256 of its files",
            Assert.Single(PackageValidator.Validate(dir.Path).Problems).ToString());
        Assert.True(PackageValidator.Validate(dir.Path, new ValidationOptions(RequireManifest: false)).IsValid);
    }

    [Fact]
    public void Validate_EosOutsideVocabulary_IsRefused()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path);
        EditGenAiConfig(dir.Path, _ => { }, model => model["eos_token_id"] = 100_000);

        var report = PackageValidator.Validate(dir.Path);

        Assert.Contains(report.Problems, p => p.File == "genai_config.json" && p.Message.StartsWith("model.eos_token_id 100000 is outside", StringComparison.Ordinal));
    }

    private static void EditGenAiConfig(string directory, Action<JsonNode> editDecoder, Action<JsonNode>? editModel = null)
    {
        string path = Path.Combine(directory, "genai_config.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        editDecoder(root["model"]!["decoder"]!);
        editModel?.Invoke(root["model"]!);
        File.WriteAllText(path, root.ToJsonString());
        TestPackages.RehashManifest(directory);
    }
}
