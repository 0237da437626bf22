using System.Text.Json.Nodes;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;

namespace Gateway.ModelKit.Tests.Packaging;

public class ModelPackageWriterTests
{
    [Fact]
    public void Write_TinyModel_ProducesGenAiLayoutWithHashedManifest()
    {
        using var dir = new TemporaryDirectory();
        string package = Path.Combine(dir.Path, "it", "v7");

        var manifest = TestPackages.Write(package);

        string[] expected = ["config.json", "genai_config.json", "manifest.json", "model.onnx", "model.onnx.data", "tokenizer.json", "tokenizer_config.json"];
        Assert.Equal(expected, Directory.GetFiles(package).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Where(f => f != "manifest.json"), manifest.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(PackageFile.Of(Path.Combine(package, "model.onnx.data")), manifest.Files["model.onnx.data"]);

        var reloaded = PackageManifest.Load(package);
        Assert.Equal(("it", "v7"), (reloaded.Department, reloaded.Version));
        Assert.Equal(manifest.Files, reloaded.Files);
    }

    [Fact]
    public void Write_GenAiConfig_DescribesTheGraphAndTokenizer()
    {
        using var dir = new TemporaryDirectory();
        TestPackages.Write(dir.Path + "/p");

        var config = GenAiConfig.Load(Path.Combine(dir.Path, "p", GenAiConfig.FileName));
        var raw = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.Path, "p", GenAiConfig.FileName)))!;
        var tokenizer = Gateway.Text.Bpe.TokenizerFiles.Load(TestPackages.TokenizerDirectory);

        Assert.Equal("model.onnx", config.DecoderFile);
        Assert.Equal(2, config.NumHiddenLayers);
        Assert.Equal(tokenizer.VocabSize, config.VocabSize);
        Assert.Equal(tokenizer.EosTokenIds, config.EosTokenIds);
        Assert.Equal("past_key_values.%d.key", raw["model"]!["decoder"]!["inputs"]!["past_key_names"]!.GetValue<string>());
        Assert.Equal("present.%d.value", raw["model"]!["decoder"]!["outputs"]!["present_value_names"]!.GetValue<string>());
        Assert.Equal(TestModels.TinyConfig().MaxPositions, config.ContextLength);
        Assert.Null(tokenizer.BosTokenId);
        Assert.False(raw["model"]!.AsObject().ContainsKey("bos_token_id"), "GenAI refuses a null bos_token_id: an absent BOS is left out");

        var hf = HfConfigJson.Load(Path.Combine(dir.Path, "p"));
        Assert.Equal(TestModels.TinyConfig() with { VocabSize = tokenizer.VocabSize }, hf);
    }

    [Fact]
    public void Write_Fp16Inline_StoresHalfPrecisionInsideModelOnnx()
    {
        using var dir = new TemporaryDirectory();
        var spec = new PackageSpec { Graph = new DecoderGraphOptions(ElementType.Float16, ElementType.Float16), ExternalData = false };
        TestPackages.Write(dir.Path, spec);

        var info = OnnxModelReader.Read(Path.Combine(dir.Path, "model.onnx"));
        Assert.False(File.Exists(Path.Combine(dir.Path, "model.onnx.data")));
        Assert.Equal(ElementType.Float16, info.Initializers.Single(i => i.Name == "model.layers.0.mlp.up_proj.weight").Type);
        Assert.Equal(OnnxFormat.IrVersion, info.IrVersion);
    }

    [Fact]
    public void Write_ExistingNonEmptyFolder_IsRefusedUnlessOverwriting()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(dir.Path, "keep.txt"), "x");

        var error = Assert.Throws<IOException>(() => TestPackages.Write(dir.Path));
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);

        TestPackages.Write(dir.Path, new PackageSpec { Overwrite = true });
        Assert.False(File.Exists(Path.Combine(dir.Path, "keep.txt")));
    }

    [Fact]
    public void Write_BadDepartmentName_IsRefused()
    {
        using var dir = new TemporaryDirectory();
        var error = Assert.Throws<ArgumentException>(() => TestPackages.Write(dir.Path, new PackageSpec { Department = "../hr" }));
        Assert.Contains("department '../hr'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TokenizerLargerThanModelVocab_IsRefused()
    {
        using var dir = new TemporaryDirectory();
        var config = TestModels.TinyConfig() with { VocabSize = 50 };
        var error = Assert.Throws<ArgumentException>(() =>
            ModelPackageWriter.Write(dir.Path, LlamaWeights.Random(config, 1), TestPackages.TokenizerDirectory, new PackageSpec()));
        Assert.Contains("vocab_size is 50", error.Message, StringComparison.Ordinal);
    }
}
