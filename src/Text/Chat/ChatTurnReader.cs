using System.Text.Json;

namespace Gateway.Text.Chat;

/// <summary>
/// The one reader of a <c>messages</c> array, for requests and for training and eval files alike: each message an
/// object with a known role; content a string, or an array of text parts joined with "\n" (as vLLM joins them), or
/// null for an assistant message (one that calls tools); other fields kept for the template. Problems are refused
/// with <see cref="ChatFormatException"/> naming the JSON path.
/// </summary>
public static class ChatTurnReader
{
    /// <summary>What joins the text parts of one message's content.</summary>
    public const string PartSeparator = "\n";

    public static IReadOnlyList<ChatTurn> Read(JsonElement messages, string path = "messages")
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw new ChatFormatException(path, "must be an array");
        }

        var turns = new List<ChatTurn>(messages.GetArrayLength());
        int index = 0;
        foreach (var element in messages.EnumerateArray())
        {
            turns.Add(ReadTurn(element, $"{path}[{index++}]"));
        }

        if (turns.Count == 0)
        {
            throw new ChatFormatException(path, "must hold at least one message");
        }

        return turns;
    }

    private static ChatTurn ReadTurn(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ChatFormatException(path, "must be an object");
        }

        if (!element.TryGetProperty("role", out var roleElement) || roleElement.ValueKind != JsonValueKind.String
            || roleElement.GetString() is not { } role || !ChatRoles.IsKnown(role))
        {
            throw new ChatFormatException($"{path}.role", $"must be one of {string.Join(", ", ChatRoles.All)}");
        }

        string? content = element.TryGetProperty("content", out var contentElement) ? Content(contentElement, $"{path}.content") : null;
        if (content is null && role != ChatRoles.Assistant)
        {
            throw new ChatFormatException($"{path}.content", $"is required for a {role} message");
        }

        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name is not ("role" or "content"))
            {
                fields[property.Name] = PlainData.From(property.Value);
            }
        }

        return new ChatTurn(role, content) { Fields = fields };
    }

    /// <summary>A string, or an array of text parts joined; other part types are refused.</summary>
    private static string? Content(JsonElement content, string path)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Array:
                var parts = new List<string>(content.GetArrayLength());
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                        || type.GetString() != "text" || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                    {
                        throw new ChatFormatException(path, "may only hold text parts ({\"type\":\"text\",\"text\":...}): this model reads text only");
                    }

                    parts.Add(text.GetString()!);
                }

                return string.Join(PartSeparator, parts);
            default:
                throw new ChatFormatException(path, "must be a string or an array of text parts");
        }
    }
}
