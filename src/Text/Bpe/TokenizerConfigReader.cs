using System.Text.Json;

namespace Gateway.Text.Bpe;

/// <summary>Reads the special-token roles, chat template and length limit from tokenizer_config.json.</summary>
internal static class TokenizerConfigReader
{
    public sealed record Content(string? BosToken, IReadOnlyList<string> EosTokens, string? PadToken, string? ChatTemplate, int? ModelMaxLength);

    public static Content Read(string path)
    {
        using var document = TokenizerFiles.ParseJsonFile(path);
        var root = document.RootElement;
        var eos = ReadTokenList(path, root, "eos_token");
        return new Content(
            ReadToken(path, root, "bos_token"),
            eos,
            ReadToken(path, root, "pad_token"),
            ReadChatTemplate(path, root),
            ReadModelMaxLength(root));
    }

    // A token role is a string, an AddedToken object {"content": ...}, or null/absent.
    private static string? ReadToken(string path, JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }

        throw TokenizerFiles.Invalid(path, $"'{name}' is neither a string, an object with 'content', nor null");
    }

    // Some models list several end tokens; accept an array of strings as well as the usual single token.
    private static List<string> ReadTokenList(string path, JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            return [.. value.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw TokenizerFiles.Invalid(path, $"'{name}' array holds a non-string"))];
        }

        return ReadToken(path, root, name) is { } single ? [single] : [];
    }

    // Either one template string, or (newer transformers) a list of {name, template} with a "default" entry.
    private static string? ReadChatTemplate(string path, JsonElement root)
    {
        if (!root.TryGetProperty("chat_template", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var named = value.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("template", out var tpl) && tpl.ValueKind == JsonValueKind.String)
                .ToList();
            var chosen = named.FirstOrDefault(t => t.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.ValueEquals("default"));
            if (chosen.ValueKind == JsonValueKind.Undefined && named.Count > 0)
            {
                chosen = named[0];
            }

            return chosen.ValueKind == JsonValueKind.Undefined ? null : chosen.GetProperty("template").GetString();
        }

        throw TokenizerFiles.Invalid(path, "'chat_template' is neither a string nor a list of named templates");
    }

    // transformers writes a huge float (1e30) to mean "no limit"; that maps to null.
    private static int? ReadModelMaxLength(JsonElement root)
    {
        return root.TryGetProperty("model_max_length", out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var number) && number is >= 1 and <= int.MaxValue
            ? (int)number
            : null;
    }
}
