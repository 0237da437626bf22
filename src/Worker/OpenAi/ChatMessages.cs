using System.Text;
using System.Text.Json;
using Gateway.Protocol.Errors;

namespace Gateway.Worker.OpenAi;

/// <summary>
/// Reads OpenAI chat messages into the plain data a chat template reads: role and content as strings
/// (text parts joined), other fields (name, tool_calls, tool_call_id, reasoning_content) passed through.
/// </summary>
internal static class ChatMessages
{
    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool"];

    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Read(RequestReader body)
    {
        if (body.Get("messages") is not { ValueKind: JsonValueKind.Array } array)
        {
            throw OpenAiException.BadRequest(body.Has("messages") ? "'messages' must be an array" : "'messages' is required", "messages");
        }

        var messages = new List<IReadOnlyDictionary<string, object?>>();
        int index = 0;
        foreach (var element in array.EnumerateArray())
        {
            messages.Add(ReadMessage(element, $"messages[{index++}]"));
        }

        if (messages.Count == 0)
        {
            throw OpenAiException.BadRequest("'messages' must hold at least one message", "messages");
        }

        return messages;
    }

    private static Dictionary<string, object?> ReadMessage(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw OpenAiException.BadRequest($"'{path}' must be an object", path);
        }

        var message = (Dictionary<string, object?>)PlainData.From(element)!;
        if (message.GetValueOrDefault("role") is not string role || !Roles.Contains(role))
        {
            throw OpenAiException.BadRequest($"'{path}.role' must be one of {string.Join(", ", Roles)}", $"{path}.role");
        }

        message["content"] = element.TryGetProperty("content", out var content) ? Content(content, $"{path}.content") : null;
        if (message["content"] is null && role != "assistant")
        {
            throw OpenAiException.BadRequest($"'{path}.content' is required for a {role} message", $"{path}.content");
        }

        return message;
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
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.GetString() != "text"
                        || !part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
                    {
                        throw OpenAiException.BadRequest($"'{path}' may only hold text parts ({{\"type\":\"text\",\"text\":...}}): this model reads text only", path);
                    }

                    text.Append(partText.GetString());
                }

                return text.ToString();
            default:
                throw OpenAiException.BadRequest($"'{path}' must be a string or an array of text parts", path);
        }
    }
}

/// <summary>JSON as the plain values templates work with: string, bool, long, double, null, lists and dictionaries.</summary>
internal static class PlainData
{
    public static object? From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.TryGetInt64(out long i) ? i : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(From).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => From(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}
