using System.Text.Json;
using Gateway.ModelKit.Json;
using Gateway.Text.Chat;

namespace Gateway.Cli.Eval;

/// <summary>
/// One line of an eval file: <c>{"messages":[{"role":"user","content":"..."}], "key_facts":["28 days"], "reference":"..."}</c>.
/// </summary>
internal sealed record EvalExample(int Line, IReadOnlyList<ChatTurn> Messages, IReadOnlyList<string> KeyFacts, string Reference)
{
    /// <summary>Reads every non-blank line; a malformed one is refused with the file name and its line number.</summary>
    public static IReadOnlyList<EvalExample> LoadJsonLines(string path)
    {
        var examples = new List<EvalExample>();
        foreach (var (number, text) in JsonLines.NonBlank(path))
        {
            try
            {
                examples.Add(Parse(number, text));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{JsonLines.Where(path, number)}: not valid JSON ({e.Message})");
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{JsonLines.Where(path, number)}: {e.Message}");
            }
        }

        return JsonLines.NotEmpty(examples, path);
    }

    private static EvalExample Parse(int line, string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("must be a JSON object");
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new InvalidDataException("'messages' must be a non-empty array");
        }

        IReadOnlyList<ChatTurn> read;
        try
        {
            read = ChatTurnReader.Read(messages);
        }
        catch (ChatFormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        if (!root.TryGetProperty("key_facts", out var facts) || facts.ValueKind != JsonValueKind.Array
            || facts.EnumerateArray().Any(f => f.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(f.GetString())))
        {
            throw new InvalidDataException("'key_facts' must be an array of non-empty strings");
        }

        if (!root.TryGetProperty("reference", out var reference) || reference.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(reference.GetString()))
        {
            throw new InvalidDataException("'reference' must be a non-empty string");
        }

        return new EvalExample(line, read, facts.EnumerateArray().Select(f => f.GetString()!).ToList(), reference.GetString()!);
    }
}
