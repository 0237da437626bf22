using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Safetensors;

namespace Gateway.ModelKit.Llama;

/// <summary>
/// A Hugging Face Llama-family checkpoint folder: config.json, one or more *.safetensors files
/// (sharded checkpoints are read whole) and the tokenizer files.
/// </summary>
public static class HfCheckpoint
{
    /// <summary>model_type values whose tensors and math are the Llama decoder's.</summary>
    public static IReadOnlyList<string> SupportedModelTypes { get; } = ["llama", "mistral"];

    public static LlamaWeights Load(string directory)
    {
        var config = HfConfigJson.Load(directory);
        if (!SupportedModelTypes.Contains(config.ModelType))
        {
            throw new InvalidDataException(
                $"config.json: model_type '{config.ModelType}' is not supported; expected one of {string.Join(", ", SupportedModelTypes)}");
        }

        var files = Directory.GetFiles(directory, "*.safetensors").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{directory}: no *.safetensors file holds the weights");
        }

        var tensors = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            foreach (var (name, tensor) in SafetensorsFile.Read(file).Tensors)
            {
                if (!tensors.TryAdd(name, tensor))
                {
                    throw new InvalidDataException($"{Path.GetFileName(file)}: tensor '{name}' appears in more than one shard");
                }
            }
        }

        return LlamaWeights.FromTensors(config, tensors);
    }
}
