using System.CommandLine;
using Gateway.Intent.Training;

namespace Gateway.Cli.Intent;

/// <summary><c>gw intent train</c>: logistic regression on data/intent, calibrated, written as a package.</summary>
internal static class IntentTrainCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Folder with train.jsonl, dev.jsonl and optionally oos.jsonl.", Required = true };
        var output = new Option<string>("--out") { Description = "The new package folder, e.g. models/router/v2 (its name is the version).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the example shuffle.", DefaultValueFactory = _ => new TrainerOptions().Seed };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set.", DefaultValueFactory = _ => new TrainerOptions().Epochs };
        var force = new Option<bool>("--force") { Description = "Replace the output folder if it exists." };
        var command = new Command("train", "Train the intent model and write a package (model.onnx, labels.json, featurizer.json, manifest.json).")
        {
            data, output, seed, epochs, force,
        };
        command.SetAction(parse => CliOutput.Run(() => Run(
            parse.GetValue(data)!, parse.GetValue(output)!, new TrainerOptions { Seed = parse.GetValue(seed), Epochs = parse.GetValue(epochs) }, parse.GetValue(force))));
        return command;
    }

    private static int Run(string data, string output, TrainerOptions options, bool force)
    {
        if (Directory.Exists(output) && force)
        {
            Directory.Delete(output, recursive: true);
        }

        var result = IntentTrainer.Train(data, output, options, CliOutput.Progress);
        Console.WriteLine($"wrote {result.Directory}");
        Console.Write(result.Dev.Format());
        Console.WriteLine(FormattableString.Invariant($"temperature {result.Temperature:F4} (ECE before calibration {result.UncalibratedEce:F4})"));
        var t = result.Threshold;
        Console.WriteLine(FormattableString.Invariant(
            $"threshold  {t.Threshold:F2}: {t.OutOfScopeBelow}/{t.OutOfScope} out-of-scope under it, {t.InScopeCorrectAbove}/{t.InScope} dev messages routed correctly above it"));
        return CliOutput.Ok;
    }
}
