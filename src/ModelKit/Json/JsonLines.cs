namespace Gateway.ModelKit.Json;

/// <summary>
/// The non-blank lines of a JSON-lines data file (training, eval and intent sets) with their 1-based line numbers,
/// so every reader reports a bad line the same way: "train.jsonl line 3: …".
/// </summary>
public static class JsonLines
{
    public static IEnumerable<(int Line, string Text)> NonBlank(string path)
    {
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return (line, text);
            }
        }
    }

    /// <summary>Where a line is, for messages: "train.jsonl line 3".</summary>
    public static string Where(string path, int line) => $"{Path.GetFileName(path)} line {line}";

    /// <summary>The items read, or a refusal that names the file when it held none.</summary>
    public static IReadOnlyList<T> NotEmpty<T>(List<T> items, string path) =>
        items.Count > 0 ? items : throw new InvalidDataException($"{Path.GetFileName(path)}: no examples");
}
