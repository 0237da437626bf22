using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Bpe;

namespace Gateway.Cli.Models;

/// <summary><c>gw model new</c>: a randomly initialised, deterministic package of a preset size.</summary>
internal static class ModelNewCommand
{
    public static Command Create()
    {
        var preset = new Option<string>("--preset") { Description = "Model size: tiny (for tests, builds in under 2 s) or small.", DefaultValueFactory = _ => "tiny" };
        preset.AcceptOnlyFromAmong([.. LlamaPresets.Names]);
        var vocabFrom = new Option<string?>("--vocab-from") { Description = "Corpus file or folder (.txt, .md, .jsonl) to train a byte-level BPE tokenizer on." };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Folder with tokenizer.json and tokenizer_config.json to reuse (e.g. a real model's)." };
        var vocabSize = new Option<int?>("--vocab-size") { Description = "Vocabulary size to train with --vocab-from (default: the preset's)." };
        var output = new Option<string>("--out") { Description = "Folder to write the package to.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for tokenizer tie-breaks and weight initialisation.", DefaultValueFactory = _ => 1 };
        var department = new Option<string>("--department") { Description = "Department the package is for.", DefaultValueFactory = _ => "general" };
        var version = new Option<string>("--version") { Description = "Version name of the package.", DefaultValueFactory = _ => "v1" };
        var fp16 = new Option<bool>("--fp16") { Description = "Store weights as float16 and use float16 logits and KV cache." };
        var inline = new Option<bool>("--inline") { Description = "Keep weights inside model.onnx instead of model.onnx.data." };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it exists." };

        var command = new Command("new", "Build a randomly initialised, deterministic model package from a preset.")
        {
            preset, vocabFrom, tokenizer, vocabSize, output, seed, department, version, fp16, inline, force,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(vocabFrom) is null) == (result.GetValue(tokenizer) is null))
            {
                result.AddError("give exactly one of --vocab-from <corpus> or --tokenizer <dir>");
            }
        });
        command.SetAction(parse => CliOutput.Run(() => Run(new Request(
            parse.GetValue(preset)!, parse.GetValue(vocabFrom), parse.GetValue(tokenizer), parse.GetValue(vocabSize),
            parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(department)!, parse.GetValue(version)!,
            parse.GetValue(fp16), parse.GetValue(inline), parse.GetValue(force)))));
        return command;
    }

    private static int Run(Request r)
    {
        var stopwatch = Stopwatch.StartNew();
        string scratch = Path.Combine(Path.GetTempPath(), "gw-tokenizer-" + Guid.NewGuid().ToString("N"));
        try
        {
            string tokenizerDir = r.TokenizerDir ?? TrainTokenizer(r, scratch);
            var tokenizer = TokenizerFiles.Load(tokenizerDir);
            var config = LlamaPresets.Create(r.Preset, tokenizer.VocabSize);
            var weights = LlamaWeights.Random(config, r.Seed);
            var type = r.Fp16 ? ElementType.Float16 : ElementType.Float;
            var spec = new PackageSpec
            {
                Department = r.Department, Version = r.Version, Overwrite = r.Force, ExternalData = !r.Inline,
                Graph = new DecoderGraphOptions(type, type),
                Training = new JsonObject
                {
                    ["method"] = "random-init", ["preset"] = r.Preset, ["seed"] = r.Seed,
                    ["tokenizer"] = r.TokenizerDir is null ? $"trained on {r.VocabFrom}" : $"copied from {r.TokenizerDir}",
                },
            };
            var manifest = ModelPackageWriter.Write(r.Output, weights, tokenizerDir, spec, progress: CliOutput.Progress);
            Console.WriteLine($"wrote {Path.GetFullPath(r.Output)} ({manifest.Department}/{manifest.Version}): preset {r.Preset}, " +
                $"{config.ParameterCount():N0} parameters, vocab {config.VocabSize}, {config.NumLayers} layers, {manifest.Files.Count + 1} files, " +
                $"{stopwatch.Elapsed.TotalSeconds:F2} s");
            return CliOutput.Ok;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static string TrainTokenizer(Request r, string scratch)
    {
        int vocab = r.VocabSize ?? LlamaPresets.DefaultVocabSize(r.Preset);
        CliOutput.Progress.Report($"training a byte-level BPE tokenizer (vocab {vocab}) on {r.VocabFrom}");
        var texts = CorpusReader.ReadTexts(r.VocabFrom!);
        int lastDecile = -1;
        var merges = new SyncProgress<BpeTrainingProgress>(p =>
        {
            int decile = p.TargetMerges == 0 ? 10 : p.MergesDone * 10 / p.TargetMerges;
            if (decile > lastDecile && decile is > 0 and < 10)
            {
                lastDecile = decile;
                CliOutput.Progress.Report($"merges {p.MergesDone}/{p.TargetMerges} ({decile * 10}%)");
            }
        });
        var trained = BpeTrainer.Train(texts, new BpeTrainingOptions { VocabSize = vocab }, merges);
        if (trained.VocabSize < vocab)
        {
            CliOutput.Progress.Report($"the corpus yields {trained.VocabSize} tokens, not {vocab}: no further pair occurs twice; the model is sized to {trained.VocabSize}");
        }

        Directory.CreateDirectory(scratch);
        trained.Save(scratch);
        return scratch;
    }

    private sealed record Request(
        string Preset, string? VocabFrom, string? TokenizerDir, int? VocabSize, string Output, int Seed,
        string Department, string Version, bool Fp16, bool Inline, bool Force);
}
