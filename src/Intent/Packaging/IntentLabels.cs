using System.Text.Json;

namespace Gateway.Intent.Packaging;

/// <summary><c>labels.json</c>: the department names in the order of the model's output.</summary>
public static class IntentLabels
{
    public static void Save(string directory, IReadOnlyList<string> labels) =>
        File.WriteAllText(Path.Combine(directory, IntentPackageLayout.LabelsFile), JsonSerializer.Serialize(labels) + "\n");

    public static IReadOnlyList<string> Load(string directory)
    {
        const string name = IntentPackageLayout.LabelsFile;
        string path = Path.Combine(directory, name);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{name}: file is missing");
        }

        string[]? labels;
        try
        {
            labels = JsonSerializer.Deserialize<string[]>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: expected a JSON array of label names ({e.Message})", e);
        }

        if (labels is null || labels.Length < 2)
        {
            throw new InvalidDataException($"{name}: expected at least 2 labels");
        }

        if (labels.Any(string.IsNullOrWhiteSpace) || labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
        {
            throw new InvalidDataException($"{name}: labels must be distinct, non-empty names");
        }

        return labels;
    }
}
