using System.Text.Json;

namespace Gateway.Text.Bpe;

/// <summary>Reads training texts from a file or a directory tree of .txt, .md and .jsonl files.</summary>
public static class CorpusReader
{
    private static readonly string[] PlainTextExtensions = [".txt", ".md"];
    private const string JsonLinesExtension = ".jsonl";

    /// <summary>
    /// Yields one text per .txt/.md file (whole file, so newline structure is kept for training) and, for each
    /// .jsonl line, every string in its "text", "content" or "messages[].content" fields. Directories are read
    /// recursively in ordinal path order, skipping other extensions; a single file must have a known extension.
    /// </summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="InvalidDataException">A file cannot be read as its extension says (message names it).</exception>
    public static IEnumerable<string> ReadTexts(string fileOrDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileOrDirectory);
        string[] files;
        if (Directory.Exists(fileOrDirectory))
        {
            files = [.. Directory.EnumerateFiles(fileOrDirectory, "*", SearchOption.AllDirectories).Where(IsSupported).Order(StringComparer.Ordinal)];
        }
        else if (File.Exists(fileOrDirectory))
        {
            files = IsSupported(fileOrDirectory)
                ? [fileOrDirectory]
                : throw new InvalidDataException($"{fileOrDirectory}: unsupported corpus file type; use .txt, .md or .jsonl");
        }
        else
        {
            throw new FileNotFoundException($"Corpus file or directory not found: {fileOrDirectory}", fileOrDirectory);
        }

        // Checks above run eagerly; the files themselves are read lazily, one at a time.
        return files.SelectMany(ReadFile);
    }

    private static bool IsSupported(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Equals(JsonLinesExtension, StringComparison.OrdinalIgnoreCase)
            || PlainTextExtensions.Any(e => e.Equals(extension, StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<string> ReadFile(string path)
    {
        if (!Path.GetExtension(path).Equals(JsonLinesExtension, StringComparison.OrdinalIgnoreCase))
        {
            return [File.ReadAllText(path)];
        }

        return ReadJsonLines(path);
    }

    private static IEnumerable<string> ReadJsonLines(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            foreach (var text in ExtractTexts(path, lineNumber, line))
            {
                yield return text;
            }
        }
    }

    private static List<string> ExtractTexts(string path, int lineNumber, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected a JSON object per line");
            }

            var texts = new List<string>();
            AddStrings(root, "text", texts);
            AddStrings(root, "content", texts);
            if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in messages.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object))
                {
                    AddStrings(message, "content", texts);
                }
            }

            return texts;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{lineNumber}: invalid JSON: {e.Message}", e);
        }
    }

    // A field holds a string, or (OpenAI-style content parts) an array of strings / {"text": ...} objects.
    private static void AddStrings(JsonElement owner, string name, List<string> texts)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            texts.Add(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in value.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.String)
                {
                    texts.Add(part.GetString()!);
                }
                else if (part.ValueKind == JsonValueKind.Object)
                {
                    AddStrings(part, "text", texts);
                }
            }
        }
    }
}
