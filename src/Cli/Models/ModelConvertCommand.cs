using System.CommandLine;
using System.Text.Json.Nodes;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;

namespace Gateway.Cli.Models;

/// <summary><c>gw model convert</c>: a Hugging Face Llama checkpoint (config.json, safetensors, tokenizer) into a package.</summary>
internal static class ModelConvertCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("hf-dir") { Description = "Folder with config.json, *.safetensors, tokenizer.json and tokenizer_config.json." };
        var output = new Option<string>("--out") { Description = "Folder to write the package to.", Required = true };
        var department = new Option<string>("--department") { Description = "Department the package is for.", DefaultValueFactory = _ => "general" };
        var version = new Option<string>("--version") { Description = "Version name of the package.", DefaultValueFactory = _ => "v1" };
        var parent = new Option<string?>("--parent") { Description = "Version this one was fine-tuned from." };
        var fp16 = new Option<bool>("--fp16") { Description = "Store weights as float16 and use float16 logits and KV cache." };
        var inline = new Option<bool>("--inline") { Description = "Keep weights inside model.onnx instead of model.onnx.data." };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it exists." };
        var command = new Command("convert", "Build a package from a Hugging Face Llama-family checkpoint folder.")
        {
            source, output, department, version, parent, fp16, inline, force,
        };
        command.SetAction(parse => CliOutput.Run(() =>
        {
            string from = parse.GetValue(source)!;
            CliOutput.Progress.Report($"reading {from}");
            var weights = HfCheckpoint.Load(from);
            var type = parse.GetValue(fp16) ? ElementType.Float16 : ElementType.Float;
            var spec = new PackageSpec
            {
                Department = parse.GetValue(department)!, Version = parse.GetValue(version)!, Parent = parse.GetValue(parent),
                Overwrite = parse.GetValue(force), ExternalData = !parse.GetValue(inline), Graph = new DecoderGraphOptions(type, type),
                Training = new JsonObject { ["method"] = "converted", ["source"] = Path.GetFullPath(from) },
            };
            var manifest = ModelPackageWriter.Write(parse.GetValue(output)!, weights, from, spec, progress: CliOutput.Progress);
            Console.WriteLine($"wrote {Path.GetFullPath(parse.GetValue(output)!)} ({manifest.Department}/{manifest.Version}): " +
                $"{weights.Config.ParameterCount():N0} parameters, vocab {weights.Config.VocabSize}, {weights.Config.NumLayers} layers");
            return CliOutput.Ok;
        }));
        return command;
    }
}
