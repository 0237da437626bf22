using System.Globalization;
using System.Text.Json;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Safetensors;
using Gateway.Training.Model;
using Gateway.Training.Optimization;

namespace Gateway.Training.Checkpoints;

/// <summary>
/// The whole training state in one safetensors file: weights ("param."), AdamW moments ("m.", "v."), and in
/// its metadata the step, optimizer step, tokens, smoothed loss, seed, data digest and config. The batch order
/// follows from (seed, step), so that is the sampler's whole state. Written to a temporary file and renamed
/// over the previous checkpoint, so a crash leaves either the old or the new one.
/// </summary>
public static class TrainingCheckpoint
{
    public const string FileName = "checkpoint.safetensors";

    public sealed record State(int Step, long Tokens, double SmoothedLoss, double FirstLoss, int Seed, string DataDigest);

    public static void Save(string directory, LlamaParameters parameters, AdamW optimizer, State state)
    {
        Directory.CreateDirectory(directory);
        var tensors = new List<TensorData>();
        foreach (string name in parameters.Names)
        {
            long[] shape = parameters.Shapes[name];
            tensors.Add(TensorData.FromFloats("param." + name, parameters.Value(name), shape));
            tensors.Add(TensorData.FromFloats("m." + name, optimizer.FirstMoments[name], shape));
            tensors.Add(TensorData.FromFloats("v." + name, optimizer.SecondMoments[name], shape));
        }

        var metadata = new Dictionary<string, string>
        {
            ["step"] = state.Step.ToString(CultureInfo.InvariantCulture),
            ["optimizer_steps"] = optimizer.Steps.ToString(CultureInfo.InvariantCulture),
            ["tokens"] = state.Tokens.ToString(CultureInfo.InvariantCulture),
            ["smoothed_loss"] = state.SmoothedLoss.ToString("R", CultureInfo.InvariantCulture),
            ["first_loss"] = state.FirstLoss.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = state.Seed.ToString(CultureInfo.InvariantCulture),
            ["data_digest"] = state.DataDigest,
            ["config"] = JsonSerializer.Serialize(parameters.Config),
        };
        string path = Path.Combine(directory, FileName);
        string temporary = path + ".tmp";
        SafetensorsFile.Write(temporary, tensors, metadata);
        File.Move(temporary, path, overwrite: true);
    }

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Restores weights and optimizer moments in place and returns the saved state.</summary>
    public static State Load(string directory, LlamaParameters parameters, AdamW optimizer)
    {
        string path = Path.Combine(directory, FileName);
        var content = SafetensorsFile.Read(path);
        var meta = content.Metadata;
        var config = JsonSerializer.Deserialize<LlamaConfig>(meta["config"]);
        if (config != parameters.Config)
        {
            throw new InvalidDataException($"{path}: the checkpoint's model config differs from the model being trained");
        }

        foreach (string name in parameters.Names)
        {
            Restore(content, "param." + name, parameters.Value(name), path);
            Restore(content, "m." + name, optimizer.FirstMoments[name], path);
            Restore(content, "v." + name, optimizer.SecondMoments[name], path);
        }

        optimizer.Steps = int.Parse(meta["optimizer_steps"], CultureInfo.InvariantCulture);
        return new State(
            int.Parse(meta["step"], CultureInfo.InvariantCulture),
            long.Parse(meta["tokens"], CultureInfo.InvariantCulture),
            double.Parse(meta["smoothed_loss"], CultureInfo.InvariantCulture),
            double.Parse(meta["first_loss"], CultureInfo.InvariantCulture),
            int.Parse(meta["seed"], CultureInfo.InvariantCulture),
            meta["data_digest"]);
    }

    private static void Restore(SafetensorsContent content, string name, float[] target, string path)
    {
        if (!content.Tensors.TryGetValue(name, out var tensor) || tensor.ElementCount() != target.Length)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' is missing or has the wrong size");
        }

        tensor.ToFloats().CopyTo(target, 0);
    }
}
