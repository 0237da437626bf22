using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;

namespace Gateway.ModelKit.Packaging;

/// <summary>
/// Writes a model package in the ONNX Runtime GenAI folder layout: model.onnx (+ model.onnx.data),
/// genai_config.json, config.json, tokenizer.json, tokenizer_config.json, and our manifest.json.
/// The folder is assembled beside the target and moved into place, so a reader never sees half a package.
/// </summary>
public static class ModelPackageWriter
{
    public const string ModelFile = "model.onnx";
    public const string DataFile = "model.onnx.data";

    /// <param name="tokenizerDirectory">Folder holding tokenizer.json and tokenizer_config.json to copy in.</param>
    public static PackageManifest Write(
        string outputDirectory, LlamaWeights weights, string tokenizerDirectory, PackageSpec spec,
        TimeProvider? clock = null, IProgress<string>? progress = null)
    {
        spec.Validate();
        var config = weights.Config;
        var tokenizer = Text.Bpe.TokenizerFiles.Load(tokenizerDirectory);
        if (tokenizer.VocabSize > config.VocabSize)
        {
            throw new ArgumentException($"the tokenizer has {tokenizer.VocabSize} ids but the model's vocab_size is {config.VocabSize}");
        }

        if (tokenizer.EosTokenIds.Count == 0)
        {
            throw new ArgumentException("tokenizer_config.json names no eos_token; a package needs one to stop generation");
        }

        string target = Path.GetFullPath(outputDirectory);
        PrepareTarget(target, spec.Overwrite);
        string staging = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            progress?.Report($"building the decoder graph ({config.ParameterCount():N0} parameters)");
            var graph = LlamaDecoderGraph.Build(weights, spec.Graph);
            progress?.Report("writing model.onnx");
            OnnxModelWriter.Save(graph, Path.Combine(staging, ModelFile), spec.ExternalData ? OnnxSaveOptions.External(DataFile) : OnnxSaveOptions.Inline);

            int[] eos = [.. tokenizer.EosTokenIds];
            GenAiConfig.ForLlama(config, tokenizer.BosTokenId, eos, tokenizer.PadTokenId, config.ModelType)
                .Save(Path.Combine(staging, GenAiConfig.FileName));
            HfConfigJson.Save(staging, config, tokenizer.BosTokenId, eos, spec.Graph.WeightType == ElementType.Float16 ? "float16" : "float32");
            foreach (string name in new[] { Text.Bpe.TokenizerFiles.TokenizerJson, Text.Bpe.TokenizerFiles.TokenizerConfigJson })
            {
                File.Copy(Path.Combine(tokenizerDirectory, name), Path.Combine(staging, name));
            }

            progress?.Report("hashing files into manifest.json");
            var manifest = new PackageManifest
            {
                Department = spec.Department,
                Version = spec.Version,
                Parent = spec.Parent,
                Created = (clock ?? TimeProvider.System).GetUtcNow(),
                Files = PackageManifest.HashFiles(staging),
                Metrics = spec.Metrics,
                Training = spec.Training,
            };
            manifest.Save(staging);

            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void PrepareTarget(string target, bool overwrite)
    {
        if (File.Exists(target))
        {
            throw new IOException($"{target} is a file, not a folder");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !overwrite)
        {
            throw new IOException($"{target} already exists and is not empty (pass --force to replace it)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
    }
}
