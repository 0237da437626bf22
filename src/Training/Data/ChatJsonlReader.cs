using System.Text.Json;
using Gateway.ModelKit.Json;
using Gateway.Text.Chat;

namespace Gateway.Training.Data;

/// <summary>
/// Reads chat fine-tuning data in OpenAI's format, one JSON object per line:
/// <c>{"messages":[{"role":"system|user|assistant","content":"…"},…]}</c>, read by the one conversation reader
/// (<see cref="ChatTurnReader"/>). Blank lines are skipped; anything else malformed is refused with the file name and line number.
/// </summary>
public static class ChatJsonlReader
{
    public static IReadOnlyList<ChatExample> Read(string path)
    {
        var examples = JsonLines.NonBlank(path).Select(l => Parse(l.Text, JsonLines.Where(path, l.Line), l.Line)).ToList();
        return JsonLines.NotEmpty(examples, path);
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

            IReadOnlyList<ChatTurn> result;
            try
            {
                result = ChatTurnReader.Read(messages);
            }
            catch (ChatFormatException e)
            {
                throw new InvalidDataException($"{where}: {e.Param} {e.Problem}", e);
            }

            if (!result.Any(m => m.Is(ChatRoles.Assistant) && m.Content is not null))
            {
                throw new InvalidDataException($"{where}: 'messages' has no assistant message to learn from");
            }

            return new ChatExample(line, result);
        }
    }
}
