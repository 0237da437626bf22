using System.Text.Json;

namespace Gateway.Training.Data;

/// <summary>
/// Reads chat fine-tuning data in OpenAI's format, one JSON object per line:
/// <c>{"messages":[{"role":"system|user|assistant","content":"…"},…]}</c>. Blank lines are skipped; anything
/// else malformed is refused with the file name and line number.
/// </summary>
public static class ChatJsonlReader
{
    private static readonly string[] Roles = ["system", "user", "assistant"];

    public static IReadOnlyList<ChatExample> Read(string path)
    {
        string name = Path.GetFileName(path);
        var examples = new List<ChatExample>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            examples.Add(Parse(text, $"{name} line {line}", line));
        }

        if (examples.Count == 0)
        {
            throw new InvalidDataException($"{name}: no examples");
        }

        return examples;
    }

    public static ChatExample Parse(string json, string where, int line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{where}: not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{where}: each line must be a JSON object with 'messages'");
            }

            if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{where}: 'messages' must be an array");
            }

            var result = new List<IReadOnlyDictionary<string, object?>>();
            int index = 0;
            foreach (var message in messages.EnumerateArray())
            {
                string at = $"{where}: messages[{index++}]";
                if (message.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"{at} must be an object");
                }

                string role = StringField(message, "role", at);
                if (!Roles.Contains(role, StringComparer.Ordinal))
                {
                    throw new InvalidDataException($"{at}.role must be one of {string.Join(", ", Roles)}, got '{role}'");
                }

                result.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["role"] = role, ["content"] = StringField(message, "content", at) });
            }

            if (!result.Any(m => (string?)m["role"] == "assistant"))
            {
                throw new InvalidDataException($"{where}: 'messages' has no assistant message to learn from");
            }

            return new ChatExample(line, result);
        }
    }

    private static string StringField(JsonElement message, string field, string at) =>
        message.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new InvalidDataException($"{at}.{field} must be a string");
}
