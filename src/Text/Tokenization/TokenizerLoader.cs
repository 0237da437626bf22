using System.Text.Json;
using Gateway.Text.Bpe;

namespace Gateway.Text.Tokenization;

/// <summary>
/// Loads a model package's Hugging Face tokenizer (tokenizer.json + tokenizer_config.json) for serving:
/// byte-level BPE (GPT-2, Qwen2/3, Llama 3) and SentencePiece-style BPE with byte fallback (Llama 2, Mistral,
/// Phi-3). Anything else (WordPiece, Unigram, unknown pipeline steps) is refused with
/// <see cref="NotSupportedException"/> naming tokenizer.json and the type.
/// </summary>
/// <remarks>
/// The BPE is our own rather than Microsoft.ML.Tokenizers' BpeTokenizer: BpeOptions (2.0.1) has no
/// ignore_merges (Llama 3 encodes differently without it) and no byte_fallback (Llama 2), and the pipeline's
/// normalizer, Metaspace, decoder and post-processor semantics would have to be rebuilt around it anyway.
/// Vocab, merges and token roles come from ModelKit's <see cref="TokenizerFiles"/>, which validates them.
/// </remarks>
public static class TokenizerLoader
{
    public static ITextTokenizer Load(string packageDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(packageDirectory);
        var path = Path.Combine(packageDirectory, TokenizerFiles.TokenizerJson);
        if (!File.Exists(path))
        {
            throw TokenizerJson.Invalid(path, "file is missing");
        }

        // Parse the pipeline first so an unsupported model type is reported as such, not as a BPE format error.
        using var document = ParseJson(path);
        var root = document.RootElement;
        var model = TokenizerJson.Component(root, "model") ?? throw TokenizerJson.Invalid(path, "missing 'model'");
        var modelType = TokenizerJson.String(model, "type") ?? "BPE"; // old files omit the type of a BPE model
        if (modelType != "BPE")
        {
            throw TokenizerJson.Unsupported(path, "model", modelType);
        }

        RefuseWordAffixes(model, path);
        var normalizer = TextNormalizer.FromJson(TokenizerJson.Component(root, "normalizer"), path);
        var preTokenizer = PreTokenizer.FromJson(TokenizerJson.Component(root, "pre_tokenizer"), path);
        var template = SpecialTokenTemplate.FromJson(TokenizerJson.Component(root, "post_processor"), path);
        var decoder = TokenizerJson.Component(root, "decoder");
        TokenByteDecoder.FromJson(decoder, [], path); // validates the decoder before the costly vocab load
        var addedTokens = AddedToken.ListFromJson(root, path);

        var description = TokenizerFiles.Load(packageDirectory);
        var (addBos, addEos) = ReadAddFlags(Path.Combine(packageDirectory, TokenizerFiles.TokenizerConfigJson));
        var unknown = TokenizerJson.String(model, "unk_token");
        var options = new BpeModelOptions(
            IgnoreMerges: TokenizerJson.Bool(model, "ignore_merges", false),
            ByteFallback: TokenizerJson.Bool(model, "byte_fallback", false),
            UnknownId: unknown is not null && description.Vocab.TryGetValue(unknown, out var unknownId) ? unknownId : null,
            FuseUnknown: TokenizerJson.Bool(model, "fuse_unk", false));
        var bpe = new BpeModel(description.Vocab, new BpeMergeTable(description.Merges, description.Vocab), options);

        var decoderCopy = decoder?.Clone();
        return new HuggingFaceTokenizer(
            description,
            addedTokens,
            normalizer,
            preTokenizer,
            bpe,
            template.WithConfig(addBos, addEos, description.BosTokenId, description.EosTokenIds),
            tokens => TokenByteDecoder.FromJson(decoderCopy, tokens, path));
    }

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: malformed JSON: {e.Message} ({path})", e);
        }
    }

    // Word prefixes/suffixes belong to WordPiece-like BPE setups (e.g. "##", "</w>"), not to decoder-only SLMs.
    private static void RefuseWordAffixes(JsonElement model, string path)
    {
        foreach (var name in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
        {
            if (TokenizerJson.String(model, name) is { Length: > 0 } value)
            {
                throw TokenizerJson.Unsupported(path, "model", $"BPE with {name} '{value}'");
            }
        }
    }

    private static (bool? AddBos, bool? AddEos) ReadAddFlags(string configPath)
    {
        using var config = ParseJson(configPath);
        static bool? Flag(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
        return (Flag(config.RootElement, "add_bos_token"), Flag(config.RootElement, "add_eos_token"));
    }
}
