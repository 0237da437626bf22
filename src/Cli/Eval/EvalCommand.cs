using System.CommandLine;
using System.Globalization;
using Gateway.Grounding;
using Gateway.Inference;
using Gateway.Inference.Models;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Chat;

namespace Gateway.Cli.Eval;

/// <summary>
/// <c>gw eval</c>: a department model's key-fact recall and reference perplexity on an eval file, with and
/// without grounding in a knowledge base, optionally recorded in the package's manifest (metrics.eval).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model package folder.", Required = true };
        var data = new Option<string>("--data") { Description = "A .jsonl file of {\"messages\", \"key_facts\", \"reference\"} lines.", Required = true };
        var knowledge = new Option<string?>("--knowledge") { Description = "The department's knowledge-base folder: also evaluates grounded prompts." };
        var topK = new Option<int?>("--top-k") { Description = "Passages per grounded prompt (1..20); default: as the model was trained (its manifest), else 3." };
        var unit = new Option<string?>("--unit") { Description = "What a passage is, section or sentence; default: as the model was trained (its manifest), else section." };
        unit.AcceptOnlyFromAmong("section", "sentence");
        var department = new Option<string?>("--department") { Description = "The department named in the grounded system message (default: the manifest's)." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens generated per answer.", DefaultValueFactory = _ => 64 };
        var writeManifest = new Option<bool>("--write-manifest") { Description = "Record the results in the package's manifest.json as metrics.eval." };
        var verbose = new Option<bool>("--verbose") { Description = "Print every example's answers and scores." };
        var command = new Command("eval", "Evaluate a department model: key-fact recall and reference perplexity, with and without grounding.")
        {
            model, data, knowledge, topK, unit, department, maxTokens, writeManifest, verbose,
        };
        command.SetAction(parse => CliOutput.Run(() => Run(new EvalSettings(
            parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(knowledge), parse.GetValue(topK),
            RetrievalUnits.Parse(parse.GetValue(unit)), parse.GetValue(department),
            parse.GetValue(maxTokens), parse.GetValue(writeManifest), parse.GetValue(verbose)))));
        return command;
    }

    private static int Run(EvalSettings settings)
    {
        settings.Validate();
        var examples = EvalExample.LoadJsonLines(settings.Data);
        var grounding = GroundingSettings.For(settings.Model, settings.Unit, settings.TopK);
        var knowledge = settings.Knowledge is { } folder ? KnowledgeBase.Load(folder, grounding.Unit) : null;
        Bm25Index? index = knowledge is null ? null : new Bm25Index(knowledge);
        string department = settings.Department ?? ManifestDepartment(settings.Model) ?? "general";
        var assistant = knowledge?.AssistantFor(department) ?? new AssistantIdentity(null, department);
        ExampleResult[] results;
        try
        {
            using var engine = InferenceEngine.Load(new EngineOptions { ModelDirectory = settings.Model, MaxBatchSize = 1 }, department);
            using var scorer = new ReferenceScorer(settings.Model);
            var runner = new EvalRunner(engine, ChatPrompter.Load(settings.Model, engine.Tokenizer), scorer, assistant, index, grounding.TopK, settings.MaxTokens);
            results = examples.Select(e =>
            {
                CliOutput.Progress.Report($"line {e.Line.ToString(CultureInfo.InvariantCulture)}");
                return runner.RunAsync(e).GetAwaiter().GetResult();
            }).ToArray();
        }
        catch (ModelLoadException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        catch (Gateway.Text.Templates.ChatTemplateException e)
        {
            throw new InvalidDataException($"the chat template refused a conversation: {e.Message}", e);
        }

        var summary = EvalSummary.From(results);
        Console.WriteLine($"model      {settings.Model} ({department})");
        Console.WriteLine($"data       {settings.Data}: {examples.Count} examples");
        Console.WriteLine(index is null ? "knowledge  none (ungrounded only)" : $"knowledge  {settings.Knowledge}: {index.Count} passages ({grounding.Unit.Name()}s), top {grounding.TopK} ({grounding.Source})");
        if (settings.Verbose)
        {
            EvalDetails.Print(results);
        }

        Console.WriteLine();
        Console.Write(summary.FormatTable());
        if (settings.WriteManifest)
        {
            EvalManifest.Write(settings.Model, summary, settings.Data, index is null ? null : (grounding.TopK, grounding.Unit));
            Console.WriteLine($"wrote metrics.eval to {Path.Combine(settings.Model, PackageManifest.FileName)}");
        }

        return CliOutput.Ok;
    }

    private static string? ManifestDepartment(string model) =>
        File.Exists(Path.Combine(model, PackageManifest.FileName)) ? PackageManifest.Load(model).Department : null;
}

internal sealed record EvalSettings(
    string Model, string Data, string? Knowledge, int? TopK, RetrievalUnit? Unit, string? Department, int MaxTokens, bool WriteManifest, bool Verbose)
{
    public void Validate()
    {
        if (TopK is < 1 or > GroundingSettings.MaxTopK)
        {
            throw new ArgumentException($"--top-k must be 1..{GroundingSettings.MaxTopK}, got {TopK}");
        }

        if (MaxTokens < 1)
        {
            throw new ArgumentException($"--max-tokens must be at least 1, got {MaxTokens}");
        }

        if (WriteManifest && !File.Exists(Path.Combine(Model, PackageManifest.FileName)))
        {
            throw new ArgumentException($"--write-manifest: {Model} has no {PackageManifest.FileName}");
        }
    }
}
