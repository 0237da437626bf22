using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Runtime;
using Gateway.ModelKit.Safetensors;
using Gateway.ModelKit.Tests.Reference;
using Gateway.ModelKit.Validation;

namespace Gateway.ModelKit.Tests.Llama;

public class HfCheckpointTests
{
    [Fact]
    public void Convert_ShardedFp16Checkpoint_GivesAPackageWhoseLogitsMatchTheReference()
    {
        using var dir = new TemporaryDirectory();
        var tokenizer = Gateway.Text.Bpe.TokenizerFiles.Load(TestPackages.TokenizerDirectory);
        var config = TestModels.TinyConfig(tied: false) with { VocabSize = tokenizer.VocabSize };
        var original = LlamaWeights.Random(config, 21, initStd: 0.1);
        string checkpoint = WriteCheckpoint(dir.Combine("hf"), original, config);

        var loaded = HfCheckpoint.Load(checkpoint);
        ModelPackageWriter.Write(dir.Combine("pkg"), loaded, checkpoint, new PackageSpec { Department = "support", Version = "v2" });

        Assert.True(PackageValidator.Validate(dir.Combine("pkg")).IsValid);
        long[] prompt = [10, 20, 30, 40];
        using var session = new DecoderSession(dir.Combine("pkg", "model.onnx"), DecoderShape.From(config));
        var (logits, _) = session.Forward(prompt, [1, 1, 1, 1], [0, 1, 2, 3], 1, KvCache.Empty(DecoderShape.From(config), 1));
        // The checkpoint stored fp16, so the reference runs on the same rounded weights.
        var expected = ReferenceLlama.Forward(loaded, prompt);
        for (int i = 0; i < logits.Length; i++)
        {
            Assert.True(Math.Abs(expected[i / config.VocabSize][i % config.VocabSize] - logits[i]) <= 1e-4f, $"logit {i}");
        }
    }

    [Fact]
    public void Load_CheckpointWithAttentionBiases_IsRefusedNamingTheTensor()
    {
        using var dir = new TemporaryDirectory();
        var config = TestModels.TinyConfig();
        string checkpoint = WriteCheckpoint(dir.Path, TestModels.Weights(config), config,
            TensorData.FromFloats("model.layers.0.self_attn.q_proj.bias", new float[32], [32]));

        var error = Assert.Throws<InvalidDataException>(() => HfCheckpoint.Load(checkpoint));
        Assert.StartsWith("weights: tensor 'model.layers.0.self_attn.q_proj.bias' is not part of a Llama decoder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnsupportedModelType_IsRefused()
    {
        using var dir = new TemporaryDirectory();
        var config = TestModels.TinyConfig() with { ModelType = "qwen2" };
        string checkpoint = WriteCheckpoint(dir.Path, TestModels.Weights(TestModels.TinyConfig()), config);

        var error = Assert.Throws<InvalidDataException>(() => HfCheckpoint.Load(checkpoint));
        Assert.Equal("config.json: model_type 'qwen2' is not supported; expected one of llama, mistral", error.Message);
    }

    /// <summary>Writes config.json, two fp16 safetensors shards and the tokenizer files, as a Hugging Face export does.</summary>
    private static string WriteCheckpoint(string directory, LlamaWeights weights, LlamaConfig config, params TensorData[] extra)
    {
        Directory.CreateDirectory(directory);
        HfConfigJson.Save(directory, config, null, [2], "float16");
        var tensors = LlamaWeights.ExpectedTensors(weights.Config)
            .Select(e => TensorData.FromFloats(e.Name, weights[e.Name], e.Shape, ElementType.Float16)).Concat(extra).ToList();
        int half = tensors.Count / 2;
        SafetensorsFile.Write(Path.Combine(directory, "model-00001-of-00002.safetensors"), tensors[..half]);
        SafetensorsFile.Write(Path.Combine(directory, "model-00002-of-00002.safetensors"), tensors[half..]);
        foreach (string file in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            File.Copy(Path.Combine(TestPackages.TokenizerDirectory, file), Path.Combine(directory, file));
        }

        return directory;
    }
}
