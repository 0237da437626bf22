using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Intent.Scoring;

namespace Gateway.Cli.Intent;

/// <summary><c>gw intent predict</c>: JSON lines {"text"} on stdin → {"text","department","confidence","scores"} on stdout.</summary>
internal static class IntentPredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The intent-model package folder.", Required = true };
        var command = new Command("predict", "Route JSON lines {\"text\": …} read from stdin; one JSON line out per line in.") { model };
        command.SetAction(parse => CliOutput.Run(() => Run(parse.GetValue(model)!)));
        return command;
    }

    // Accents and apostrophes stay readable: the output goes to a terminal or a file, never into HTML.
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static int Run(string modelDirectory)
    {
        using var model = IntentModel.Load(modelDirectory);
        int lineNumber = 0;
        while (Console.In.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string text = ReadText(line, lineNumber);
            var prediction = model.Score(text);
            var scores = new JsonObject();
            foreach (var (label, p) in prediction.Scores)
            {
                scores[label] = Math.Round(p, 6);
            }

            Console.WriteLine(new JsonObject
            {
                ["text"] = text,
                ["department"] = prediction.Label,
                ["confidence"] = Math.Round(prediction.Confidence, 6),
                ["confident"] = prediction.IsConfident,
                ["scores"] = scores,
            }.ToJsonString(Output));
        }

        return CliOutput.Ok;
    }

    private static string ReadText(string line, int lineNumber)
    {
        try
        {
            return JsonNode.Parse(line)?["text"]?.GetValue<string>()
                ?? throw new InvalidDataException($"stdin line {lineNumber}: needs a \"text\" field");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"stdin line {lineNumber}: expected {{\"text\": \"…\"}} ({e.Message})", e);
        }
    }
}
