using System.Text.Json;

namespace Gateway.Text.Tokenization;

/// <summary>One tokenizer.json "added_tokens" entry: text matched in the input before normal tokenization.</summary>
/// <param name="SingleWord">Matches only when not inside a word.</param>
/// <param name="LeftStrip">Swallows the whitespace before it.</param>
/// <param name="RightStrip">Swallows the whitespace after it.</param>
internal sealed record AddedToken(int Id, string Content, bool Special, bool SingleWord, bool LeftStrip, bool RightStrip)
{
    public static List<AddedToken> ListFromJson(JsonElement root, string path)
    {
        var tokens = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return tokens;
        }

        foreach (var item in list.EnumerateArray())
        {
            var content = TokenizerJson.String(item, "content");
            var id = TokenizerJson.Int(item, "id", -1);
            if (string.IsNullOrEmpty(content) || id < 0)
            {
                throw TokenizerJson.Invalid(path, $"added_tokens[{tokens.Count}] needs a non-negative 'id' and a non-empty 'content'");
            }

            tokens.Add(new AddedToken(
                id,
                content,
                TokenizerJson.Bool(item, "special", false),
                TokenizerJson.Bool(item, "single_word", false),
                TokenizerJson.Bool(item, "lstrip", false),
                TokenizerJson.Bool(item, "rstrip", false)));
        }

        return tokens;
    }
}
