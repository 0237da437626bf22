using System.CommandLine;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Microsoft.ML.OnnxRuntime;

namespace Gateway.Cli.Models;

/// <summary><c>gw model inspect</c>: config, graph I/O, parameter count and file sizes of a package.</summary>
internal static class ModelInspectCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "The package folder." };
        var command = new Command("inspect", "Print a package's config, graph inputs/outputs, parameter count and file sizes.") { directory };
        command.SetAction(parse => CliOutput.Run(() => Run(parse.GetValue(directory)!)));
        return command;
    }

    private static int Run(string directory)
    {
        var config = GenAiConfig.Load(Path.Combine(directory, GenAiConfig.FileName));
        Console.WriteLine($"package {Path.GetFullPath(directory)}");
        if (File.Exists(Path.Combine(directory, PackageManifest.FileName)))
        {
            var manifest = PackageManifest.Load(directory);
            Console.WriteLine($"  department {manifest.Department}, version {manifest.Version}, parent {manifest.Parent ?? "-"}, created {manifest.Created:u}");
        }

        Console.WriteLine("config (genai_config.json)");
        Console.WriteLine($"  type {config.ModelType}, layers {config.NumHiddenLayers}, hidden {config.HiddenSize}, heads {config.NumAttentionHeads}, " +
            $"kv heads {config.NumKeyValueHeads}, head size {config.HeadSize}, vocab {config.VocabSize}, context {config.ContextLength}");
        Console.WriteLine($"  bos {config.BosTokenId?.ToString() ?? "-"}, eos [{string.Join(", ", config.EosTokenIds)}], pad {config.PadTokenId?.ToString() ?? "-"}");

        string modelPath = Path.Combine(directory, config.DecoderFile);
        var info = OnnxModelReader.Read(modelPath);
        Console.WriteLine($"graph ({config.DecoderFile})");
        Console.WriteLine($"  ir {info.IrVersion}, opsets {string.Join(", ", info.Opsets.Select(o => $"{o.Key} {o.Value}"))}, {info.NodeCount} nodes, producer {info.Producer}");
        Console.WriteLine($"  parameters {info.InitializerElements:N0} in {info.Initializers.Count} initializers ({info.Initializers.Count(i => i.External)} external)");
        using (var session = new InferenceSession(modelPath))
        {
            PrintIo("input ", session.InputMetadata);
            PrintIo("output", session.OutputMetadata);
        }

        Console.WriteLine("files");
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {file.Name,-24} {file.Length,14:N0} bytes");
        }

        return CliOutput.Ok;
    }

    private static void PrintIo(string kind, IReadOnlyDictionary<string, NodeMetadata> values)
    {
        foreach (var (name, meta) in values)
        {
            var dims = meta.Dimensions.Select((d, i) => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : meta.SymbolicDimensions[i]);
            Console.WriteLine($"  {kind} {name,-28} {meta.ElementDataType,-8} [{string.Join(", ", dims)}]");
        }
    }
}
