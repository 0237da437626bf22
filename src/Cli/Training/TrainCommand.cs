using System.CommandLine;
using System.Globalization;
using Gateway.Grounding;
using Gateway.Training;
using Gateway.Training.Jobs;

namespace Gateway.Cli.Training;

/// <summary><c>gw train</c>: fine-tune a package, or train a preset from scratch, on chat JSON lines; writes a new package.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Chat training data: JSON lines of {\"messages\":[{\"role\",\"content\"},…]}.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write the new package to.", Required = true };
        var from = new Option<string?>("--from") { Description = "Package to fine-tune (its weights, config and tokenizer)." };
        var preset = new Option<string?>("--preset") { Description = $"Train from random weights: {string.Join(", ", TrainingPresets.Names)}." };
        preset.AcceptOnlyFromAmong([.. TrainingPresets.Names]);
        var tokenizer = new Option<string?>("--tokenizer") { Description = "With --preset: folder with tokenizer.json and tokenizer_config.json." };
        var vocabFrom = new Option<string?>("--vocab-from") { Description = "With --preset: corpus file or folder to train a byte-level BPE tokenizer on." };
        var vocabSize = new Option<int?>("--vocab-size") { Description = "Vocabulary size for --vocab-from (default: the preset's)." };
        var knowledge = new Option<string?>("--knowledge") { Description = "Knowledge folder (*.md): each example gets retrieved passages, as the worker serves them." };
        var topK = new Option<int?>("--top-k") { Description = "Passages per example with --knowledge; default: the --from package's, else 3." };
        var unit = new Option<string?>("--unit") { Description = "With --knowledge: what a passage is, section or sentence; default: the --from package's, else section." };
        unit.AcceptOnlyFromAmong("section", "sentence");
        var counterfactuals = new Option<int>("--counterfactuals")
        {
            Description = "With --knowledge: extra copies of each example with the numbers its answer takes from the passages changed " +
                "consistently, so the model learns to copy facts from its context (0..16).",
        };
        var quoteContext = new Option<bool>("--quote-context")
        {
            Description = "With --knowledge: answer with the passage sentences that hold each answer's facts, word for word, so every answer token can be copied.",
        };
        var holdOut = new Option<bool>("--hold-out-own-question")
        {
            Description = "With --knowledge: retrieve each example's passages without its own question among the known questions, " +
                "so the model trains on the ranking a new question gets and learns to choose among its passages.",
        };
        var department = new Option<string?>("--department") { Description = "Department of the new package (default: the parent's, else general)." };
        var version = new Option<string>("--version") { Description = "Version name of the new package.", DefaultValueFactory = _ => "v1" };
        var steps = new Option<int?>("--steps") { Description = "Optimizer steps (overrides --epochs)." };
        var epochs = new Option<double>("--epochs") { Description = "Passes over the data.", DefaultValueFactory = _ => 3 };
        var batch = new Option<int>("--batch") { Description = "Sequences per pass.", DefaultValueFactory = _ => 8 };
        var accumulate = new Option<int>("--accumulate") { Description = "Passes per optimizer step (gradient accumulation).", DefaultValueFactory = _ => 1 };
        var lr = new Option<float>("--lr") { Description = "Peak learning rate (AdamW, warmup then cosine decay).", DefaultValueFactory = _ => 1e-3f };
        var warmup = new Option<int>("--warmup") { Description = "Warmup steps.", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation and data order.", DefaultValueFactory = _ => 1 };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Folder for checkpoints (weights, optimizer state, step)." };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Steps between checkpoints.", DefaultValueFactory = _ => 100 };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --checkpoint-dir." };
        var fp16 = new Option<bool>("--fp16") { Description = "Store the package's weights as float16 (half the size)." };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it exists." };

        var command = new Command("train", "Train a department model on chat data (assistant-only loss) and write a model package.")
        {
            data, output, from, preset, tokenizer, vocabFrom, vocabSize, knowledge, topK, unit, counterfactuals, quoteContext, holdOut, department, version, steps, epochs, batch,
            accumulate, lr, warmup, seed, checkpointDir, checkpointEvery, resume, fp16, force,
        };
        command.SetAction(parse => CliOutput.Run(() =>
        {
            var job = new TrainingJob
            {
                DataPath = parse.GetValue(data)!, OutputDirectory = parse.GetValue(output)!, FromPackage = parse.GetValue(from),
                Preset = parse.GetValue(preset), TokenizerDirectory = parse.GetValue(tokenizer), VocabFrom = parse.GetValue(vocabFrom),
                VocabSize = parse.GetValue(vocabSize), KnowledgeDirectory = parse.GetValue(knowledge), TopK = parse.GetValue(topK),
                Unit = RetrievalUnits.Parse(parse.GetValue(unit)),
                Counterfactuals = parse.GetValue(counterfactuals), QuoteContext = parse.GetValue(quoteContext),
                HoldOutOwnQuestion = parse.GetValue(holdOut),
                Department = parse.GetValue(department), Version = parse.GetValue(version)!, Fp16 = parse.GetValue(fp16), Overwrite = parse.GetValue(force),
                Options = new TrainingOptions
                {
                    Steps = parse.GetValue(steps), Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch),
                    Accumulate = parse.GetValue(accumulate), LearningRate = parse.GetValue(lr), WarmupSteps = parse.GetValue(warmup),
                    Seed = parse.GetValue(seed), CheckpointDirectory = parse.GetValue(checkpointDir),
                    CheckpointEvery = parse.GetValue(checkpointEvery), Resume = parse.GetValue(resume),
                },
            };
            return Run(job);
        }));
        return command;
    }

    private static int Run(TrainingJob job)
    {
        var report = TrainingRunner.Run(job, CliOutput.Progress, new StepProgress());
        var r = report.Result;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {report.PackageDirectory} ({report.Manifest.Department}/{report.Manifest.Version}" +
            $"{(report.Manifest.Parent is null ? "" : ", parent " + report.Manifest.Parent)}): {r.Steps} steps, {r.Tokens:N0} tokens, " +
            $"loss {r.FirstLoss:F3} -> {r.FinalLoss:F3}, {r.Duration.TotalSeconds:F1} s, {report.PackageBytes / 1e6:F1} MB"));
        return CliOutput.Ok;
    }

    /// <summary>One line per step at most every half second (and the last), on stderr.</summary>
    private sealed class StepProgress : IProgress<TrainingProgress>
    {
        private DateTime _last = DateTime.MinValue;

        public void Report(TrainingProgress value)
        {
            if (value.Step == value.TotalSteps || DateTime.UtcNow - _last > TimeSpan.FromSeconds(0.5))
            {
                _last = DateTime.UtcNow;
                Console.Error.WriteLine("  " + value.Format());
            }
        }
    }
}
