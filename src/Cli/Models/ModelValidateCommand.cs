using System.CommandLine;
using Gateway.ModelKit.Validation;

namespace Gateway.Cli.Models;

/// <summary><c>gw model validate</c>: exit 0 with a summary, or non-zero with every reason the package is refused.</summary>
internal static class ModelValidateCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "The package folder." };
        var smoke = new Option<int>("--smoke-tokens") { Description = "Tokens to generate in the smoke test (0 skips it).", DefaultValueFactory = _ => 8 };
        var command = new Command("validate", "Check a package's files, hashes, graph I/O and a short generation.") { directory, smoke };
        command.SetAction(parse => CliOutput.Run(() => Run(parse.GetValue(directory)!, parse.GetValue(smoke))));
        return command;
    }

    private static int Run(string directory, int smokeTokens)
    {
        var report = PackageValidator.Validate(directory, new ValidationOptions(SmokeTokens: smokeTokens));
        if (!report.IsValid)
        {
            Console.Error.WriteLine($"refused: {Path.GetFullPath(directory)}");
            foreach (var problem in report.Problems)
            {
                Console.Error.WriteLine($"  {problem}");
            }

            return CliOutput.Failed;
        }

        var s = report.Summary;
        Console.WriteLine($"valid: {Path.GetFullPath(directory)}");
        Console.WriteLine($"  package    {s.Department}/{s.Version}");
        Console.WriteLine($"  model      {s.ModelType}, {s.Layers} layers, vocab {s.VocabSize}, context {s.ContextLength}, io {s.IoType}");
        Console.WriteLine($"  files      {s.FilesVerified} verified against manifest.json");
        if (s.SmokeDuration is { } took)
        {
            Console.WriteLine($"  smoke      {s.SmokeTokens.Count} tokens in {took.TotalMilliseconds:F0} ms: [{string.Join(", ", s.SmokeTokens)}] {Quote(s.SmokeText)}");
        }

        return CliOutput.Ok;
    }

    private static string Quote(string? text) => text is null ? "" : System.Text.Json.JsonSerializer.Serialize(text);
}
