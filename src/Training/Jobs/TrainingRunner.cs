using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Grounding;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Bpe;
using Gateway.Training.Data;
using Gateway.Training.Model;
using Gateway.Training.Packages;

namespace Gateway.Training.Jobs;

/// <summary>Runs a <see cref="TrainingJob"/>: starting weights, data to sequences, the training loop, the new package.</summary>
public static class TrainingRunner
{
    public static TrainingReport Run(TrainingJob job, IProgress<string>? log = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        job.Validate();
        string scratch = Path.Combine(Path.GetTempPath(), "gw-train-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (weights, tokenizerDir, parent) = Start(job, scratch, log);
            string department = job.Department ?? parent?.Department ?? "general";
            var config = weights.Config;

            log?.Report($"reading {job.DataPath}");
            var examples = ChatJsonlReader.Read(job.DataPath);
            var settings = job.Grounding();
            if (job.KnowledgeDirectory is not null)
            {
                log?.Report($"grounding in {job.KnowledgeDirectory}: {settings.Unit.Name()}s, top {settings.TopK} ({settings.Source})");
            }

            var grounding = job.KnowledgeDirectory is null ? null : ChatGrounding.Load(job.KnowledgeDirectory, settings.Unit, department, new ChatGroundingOptions
            {
                TopK = settings.TopK, Counterfactuals = job.Counterfactuals, Seed = job.Options.Seed, QuoteContext = job.QuoteContext,
                HoldOutOwnQuestion = job.HoldOutOwnQuestion,
            });
            var builder = ChatSequenceBuilder.Load(tokenizerDir, config.MaxPositions);
            string file = Path.GetFileName(job.DataPath);
            var sequences = new List<TrainingSequence>();
            int skipped = 0;
            foreach (var grounded in examples.SelectMany(e => grounding?.Apply(e) ?? [e]))
            {
                if (builder.Build(grounded, $"{file} line {grounded.Line}") is { } sequence)
                {
                    if (sequence.Tokens.Any(t => t >= config.VocabSize))
                    {
                        throw new InvalidDataException($"{file} line {grounded.Line}: a token id is outside the model's vocabulary");
                    }

                    sequences.Add(sequence);
                }
                else
                {
                    skipped++;
                }
            }

            if (sequences.Count == 0)
            {
                throw new InvalidDataException($"{file}: no example keeps an assistant token within the {config.MaxPositions}-token context");
            }

            long dataTokens = sequences.Sum(s => (long)s.Tokens.Count);
            log?.Report($"{examples.Count} examples ({grounding?.Quoted ?? 0} answers quoted from their context), {sequences.Count} sequences ({sequences.Count + skipped - examples.Count} of them counterfactual copies, {skipped} skipped), {dataTokens:N0} tokens, " +
                $"{sequences.Sum(s => (long)s.TargetCount):N0} in the loss; {config.ParameterCount():N0} parameters, {Environment.ProcessorCount} threads");

            string dataDigest = DataDigest.OfFile(job.DataPath);
            string? knowledgeDigest = job.KnowledgeDirectory is null ? null : DataDigest.OfFolder(job.KnowledgeDirectory);
            var parameters = LlamaParameters.From(weights);
            var result = new Trainer(parameters, job.Options).Run(sequences, dataDigest + (knowledgeDigest ?? ""), progress, cancel);

            var type = job.Fp16 ? ElementType.Float16 : ElementType.Float;
            var spec = new PackageSpec
            {
                Department = department,
                Version = job.Version,
                Parent = parent?.Version,
                Overwrite = job.Overwrite,
                Graph = new DecoderGraphOptions(type, ElementType.Float), // fp16 weights halve the package; logits and KV cache stay fp32
                Training = TrainingRecord(job, settings, config, dataDigest, knowledgeDigest, parent, sequences.Count, result),
            };
            log?.Report($"writing the package to {job.OutputDirectory}");
            var manifest = ModelPackageWriter.Write(job.OutputDirectory, parameters.ToWeights(), tokenizerDir, spec, progress: log);
            return new TrainingReport(Path.GetFullPath(job.OutputDirectory), manifest, result, examples.Count, skipped,
                manifest.Files.Values.Sum(f => f.Bytes));
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static (LlamaWeights Weights, string TokenizerDir, PackageManifest? Parent) Start(TrainingJob job, string scratch, IProgress<string>? log)
    {
        if (job.FromPackage is { } package)
        {
            log?.Report($"loading weights from {package}");
            var parent = File.Exists(Path.Combine(package, PackageManifest.FileName)) ? PackageManifest.Load(package) : null;
            return (PackageWeights.Load(package), package, parent);
        }

        string tokenizerDir = job.TokenizerDirectory ?? TrainTokenizer(job, scratch, log);
        var tokenizer = TokenizerFiles.Load(tokenizerDir);
        var config = TrainingPresets.Create(job.Preset!, tokenizer.VocabSize);
        return (LlamaWeights.Random(config, job.Options.Seed), tokenizerDir, null);
    }

    private static string TrainTokenizer(TrainingJob job, string scratch, IProgress<string>? log)
    {
        int vocab = job.VocabSize ?? TrainingPresets.DefaultVocabSize(job.Preset!);
        log?.Report($"training a byte-level BPE tokenizer (vocab {vocab}) on {job.VocabFrom}");
        var trained = BpeTrainer.Train(CorpusReader.ReadTexts(job.VocabFrom!), new BpeTrainingOptions { VocabSize = vocab });
        Directory.CreateDirectory(scratch);
        trained.Save(scratch);
        return scratch;
    }

    private static JsonObject TrainingRecord(
        TrainingJob job, GroundingSettings grounding, LlamaConfig config, string dataDigest, string? knowledgeDigest, PackageManifest? parent, int sequences, TrainingResult result)
    {
        var o = job.Options;
        return new JsonObject
        {
            ["method"] = parent is null ? "train" : "fine-tune",
            ["from"] = job.FromPackage is null ? $"preset {job.Preset}" : $"package {parent?.Department}/{parent?.Version}",
            ["data"] = new JsonObject { ["file"] = Path.GetFileName(job.DataPath), ["sha256"] = dataDigest, ["sequences"] = sequences },
            ["knowledge"] = knowledgeDigest is null ? null : new JsonObject { ["sha256"] = knowledgeDigest, ["top_k"] = grounding.TopK, ["unit"] = grounding.Unit.Name(), ["counterfactuals"] = job.Counterfactuals, ["quote_context"] = job.QuoteContext, ["hold_out_own_question"] = job.HoldOutOwnQuestion },
            ["config"] = JsonSerializer.SerializeToNode(config),
            ["seed"] = o.Seed,
            ["steps"] = result.Steps,
            ["tokens"] = result.Tokens,
            ["batch"] = o.BatchSize,
            ["accumulate"] = o.Accumulate,
            ["learning_rate"] = o.LearningRate,
            ["warmup"] = o.WarmupSteps,
            ["weight_decay"] = o.WeightDecay,
            ["clip_norm"] = o.ClipNorm,
            ["first_loss"] = Math.Round(result.FirstLoss, 5),
            ["final_loss"] = Math.Round(result.FinalLoss, 5),
            ["duration_s"] = Math.Round(result.Duration.TotalSeconds, 2),
            ["weights"] = job.Fp16 ? "float16" : "float32",
            ["trainer"] = "gw train " + typeof(TrainingRunner).Assembly.GetName().Version?.ToString(3).ToString(CultureInfo.InvariantCulture),
        };
    }
}
