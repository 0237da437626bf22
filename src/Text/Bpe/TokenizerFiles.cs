using System.Text.Json;

namespace Gateway.Text.Bpe;

/// <summary>Loads and checks the Hugging Face tokenizer files of a model directory.</summary>
public static class TokenizerFiles
{
    public const string TokenizerJson = "tokenizer.json";
    public const string TokenizerConfigJson = "tokenizer_config.json";

    /// <summary>
    /// Reads tokenizer.json and tokenizer_config.json from <paramref name="directory"/>. Throws
    /// <see cref="InvalidDataException"/> naming the file and the problem when either is missing or malformed.
    /// </summary>
    public static TokenizerDescription Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var tokenizerPath = Path.Combine(directory, TokenizerJson);
        var configPath = Path.Combine(directory, TokenizerConfigJson);
        var model = TokenizerJsonReader.Read(tokenizerPath);
        var config = TokenizerConfigReader.Read(configPath);

        var maxId = model.Vocab.Values.Concat(model.AddedTokens.Values).DefaultIfEmpty(-1).Max();
        if (maxId < 0)
        {
            throw Invalid(tokenizerPath, "'model.vocab' is empty");
        }

        int? Resolve(string? token, string role) => token is null ? null : ResolveId(configPath, model, token, role);
        return new TokenizerDescription(
            model.Vocab,
            model.Merges,
            model.AddedTokens,
            model.SpecialTokens,
            model.PreTokenizerPattern,
            maxId + 1,
            Resolve(config.BosToken, "bos_token"),
            [.. config.EosTokens.Select(token => ResolveId(configPath, model, token, "eos_token"))],
            Resolve(config.PadToken, "pad_token"),
            config.ChatTemplate,
            config.ModelMaxLength);
    }

    internal static InvalidDataException Invalid(string path, string problem) => new($"{Path.GetFileName(path)}: {problem} ({path})");

    internal static JsonDocument ParseJsonFile(string path)
    {
        if (!File.Exists(path))
        {
            throw Invalid(path, "file is missing");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: malformed JSON: {e.Message} ({path})", e);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw Invalid(path, "top level is not a JSON object");
        }

        return document;
    }

    // Added tokens win over model.vocab, matching how Hugging Face resolves token roles.
    private static int ResolveId(string configPath, TokenizerJsonReader.Content model, string token, string role)
    {
        if (model.AddedTokens.TryGetValue(token, out var id) || model.Vocab.TryGetValue(token, out id))
        {
            return id;
        }

        throw Invalid(configPath, $"{role} '{token}' is neither an added token nor in model.vocab of {TokenizerJson}");
    }
}
