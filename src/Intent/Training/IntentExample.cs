using System.Text.Json;
using Gateway.ModelKit.Json;

namespace Gateway.Intent.Training;

/// <summary>One labelled message: a line <c>{"text": "...", "label": "hr"}</c> of a .jsonl file.</summary>
public sealed record IntentExample(string Text, string Label)
{
    /// <summary>Reads a JSON-lines file; blank lines are skipped, a bad line is reported with its number.</summary>
    public static IReadOnlyList<IntentExample> LoadJsonLines(string path)
    {
        string name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file is missing", path);
        }

        var examples = new List<IntentExample>();
        foreach (var (lineNumber, line) in JsonLines.NonBlank(path))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                string? text = doc.RootElement.TryGetProperty("text", out var t) ? t.GetString() : null;
                string? label = doc.RootElement.TryGetProperty("label", out var l) ? l.GetString() : null;
                if (string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(label))
                {
                    throw new InvalidDataException($"{name} line {lineNumber}: needs non-empty \"text\" and \"label\"");
                }

                examples.Add(new IntentExample(text, label));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{name} line {lineNumber}: not valid JSON ({e.Message})", e);
            }
        }

        return examples;
    }
}
