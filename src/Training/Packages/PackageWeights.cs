using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Onnx.Proto;
using Gateway.ModelKit.Packaging;

namespace Gateway.Training.Packages;

/// <summary>
/// Reads a package's weights back for fine-tuning: the shape from config.json, the tensors from the
/// initializers of model.onnx (inline or in model.onnx.data, fp32 or fp16). The model kit stores every
/// linear weight transposed ([in, out]) under its Hugging Face name; they are turned back to [out, in].
/// Going by name, not by shape: square matrices such as q_proj look the same either way.
/// </summary>
public static class PackageWeights
{
    public static LlamaWeights Load(string packageDirectory)
    {
        var config = HfConfigJson.Load(packageDirectory);
        var genai = GenAiConfig.Load(Path.Combine(packageDirectory, GenAiConfig.FileName));
        string modelPath = Path.Combine(packageDirectory, genai.DecoderFile);
        ModelProto model;
        using (var stream = File.OpenRead(modelPath))
        {
            model = ModelProto.Parser.ParseFrom(stream);
        }

        var expected = LlamaWeights.ExpectedTensors(config).ToDictionary(e => e.Name, e => e.Shape, StringComparer.Ordinal);
        var tensors = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var initializer in model.Graph.Initializer.Where(i => expected.ContainsKey(i.Name)))
        {
            float[] values = ReadFloats(initializer, packageDirectory);
            long[] dims = [.. initializer.Dims];
            if (dims.Length == 2 && initializer.Name != "model.embed_tokens.weight")
            {
                values = LinearLayout.Transpose(values, (int)dims[0], (int)dims[1]);
                dims = [dims[1], dims[0]];
            }

            tensors[initializer.Name] = TensorData.FromFloats(initializer.Name, values, dims);
        }

        return LlamaWeights.FromTensors(config, tensors);
    }

    private static float[] ReadFloats(TensorProto tensor, string directory)
    {
        var type = (ElementType)tensor.DataType;
        if (type is not (ElementType.Float or ElementType.Float16))
        {
            throw new InvalidDataException($"model.onnx: weight '{tensor.Name}' is {type}, not float32 or float16");
        }

        long count = TensorData.ElementCount(tensor.Dims);
        if (type == ElementType.Float && tensor.FloatData.Count == count)
        {
            return [.. tensor.FloatData];
        }

        byte[] bytes = tensor.DataLocation == TensorProto.Types.DataLocation.External
            ? ReadExternal(tensor, directory)
            : tensor.RawData.ToByteArray();
        return new TensorData(tensor.Name, type, [.. tensor.Dims], bytes).ToFloats();
    }

    private static byte[] ReadExternal(TensorProto tensor, string directory)
    {
        var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        string location = entries.GetValueOrDefault("location") ?? throw new InvalidDataException($"model.onnx: weight '{tensor.Name}' has no external location");
        string path = Path.GetFullPath(Path.Combine(directory, location));
        if (!path.StartsWith(Path.GetFullPath(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"model.onnx: weight '{tensor.Name}' points outside the package ({location})");
        }

        long offset = long.Parse(entries.GetValueOrDefault("offset") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        int length = int.Parse(entries["length"], System.Globalization.CultureInfo.InvariantCulture);
        using var file = File.OpenRead(path);
        file.Position = offset;
        byte[] bytes = new byte[length];
        file.ReadExactly(bytes);
        return bytes;
    }
}
