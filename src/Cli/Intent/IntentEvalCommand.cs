using System.CommandLine;
using Gateway.Intent.Scoring;
using Gateway.Intent.Training;

namespace Gateway.Cli.Intent;

/// <summary><c>gw intent eval</c>: a package's accuracy, macro-F1, confusion matrix and ECE on a labelled file.</summary>
internal static class IntentEvalCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The intent-model package folder.", Required = true };
        var data = new Option<string>("--data") { Description = "A .jsonl file of {\"text\", \"label\"} lines.", Required = true };
        var command = new Command("eval", "Evaluate an intent-model package on labelled messages.") { model, data };
        command.SetAction(parse => CliOutput.Run(() => Run(parse.GetValue(model)!, parse.GetValue(data)!)));
        return command;
    }

    private static int Run(string modelDirectory, string dataFile)
    {
        using var model = IntentModel.Load(modelDirectory);
        var examples = IntentExample.LoadJsonLines(dataFile);
        if (examples.FirstOrDefault(e => !model.Labels.Contains(e.Label)) is { } unknown)
        {
            throw new InvalidDataException($"{Path.GetFileName(dataFile)}: label '{unknown.Label}' is not one of the model's ({string.Join(", ", model.Labels)})");
        }

        var gold = examples.Select(e => model.Labels.ToList().IndexOf(e.Label)).ToList();
        var probabilities = examples.Select(e => model.Probabilities(e.Text)).ToList();
        var report = ClassificationReport.Compute(model.Labels, gold, probabilities);
        int below = probabilities.Count(p => p.Max() < model.Threshold);
        Console.WriteLine($"model      {model.Version} ({model.Directory})");
        Console.Write(report.Format());
        Console.WriteLine(FormattableString.Invariant($"threshold  {model.Threshold:F2}: {below}/{examples.Count} under it"));
        return CliOutput.Ok;
    }
}
