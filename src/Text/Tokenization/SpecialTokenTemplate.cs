using System.Text.Json;

namespace Gateway.Text.Tokenization;

/// <summary>
/// The ids that Encode(addSpecialTokens: true) puts around a single sequence, from the tokenizer.json
/// "post_processor" (TemplateProcessing, RobertaProcessing, BertProcessing; ByteLevel adds nothing).
/// </summary>
internal sealed record SpecialTokenTemplate(IReadOnlyList<int> Prefix, IReadOnlyList<int> Suffix, bool FromTemplate)
{
    public static readonly SpecialTokenTemplate Empty = new([], [], false);

    public static SpecialTokenTemplate FromJson(JsonElement? postProcessor, string path)
    {
        var prefix = new List<int>();
        var suffix = new List<int>();
        var fromTemplate = postProcessor is { } element && Add(element, path, prefix, suffix);
        return new SpecialTokenTemplate(prefix, suffix, fromTemplate);
    }

    /// <summary>
    /// Applies tokenizer_config add_bos_token / add_eos_token, which transformers' Llama-family tokenizers use to
    /// rebuild the template. When neither the template nor the config says anything, a BOS distinct from every
    /// EOS is added: the original Llama 3 tokenizer.json lacks its BOS template, which Meta later fixed.
    /// </summary>
    public SpecialTokenTemplate WithConfig(bool? addBos, bool? addEos, int? bosId, IReadOnlyList<int> eosIds)
    {
        var prefix = Prefix.ToList();
        var suffix = Suffix.ToList();
        if (bosId is { } bos)
        {
            prefix.Remove(bos);
            var implicitBos = addBos is null && !FromTemplate && !eosIds.Contains(bos);
            if (addBos ?? (Prefix.Contains(bos) || implicitBos))
            {
                prefix.Insert(0, bos);
            }
        }

        if (addEos is { } add && eosIds.Count > 0)
        {
            suffix.Remove(eosIds[0]);
            if (add)
            {
                suffix.Add(eosIds[0]);
            }
        }

        return new SpecialTokenTemplate(prefix, suffix, FromTemplate);
    }

    // Returns whether the processor defines special tokens itself (a template), as opposed to adding nothing.
    private static bool Add(JsonElement element, string path, List<int> prefix, List<int> suffix)
    {
        var type = TokenizerJson.TypeOf(element, path, "post_processor");
        switch (type)
        {
            case "ByteLevel":
                return false;
            case "Sequence":
                var any = false;
                foreach (var child in TokenizerJson.Array(element, "processors", path))
                {
                    any |= Add(child, path, prefix, suffix);
                }

                return any;
            case "TemplateProcessing":
                AddTemplate(element, path, prefix, suffix);
                return true;
            case "RobertaProcessing" or "BertProcessing":
                prefix.Add(PairId(element, "cls", path));
                suffix.Add(PairId(element, "sep", path));
                return true;
            default:
                throw TokenizerJson.Unsupported(path, "post_processor", type);
        }
    }

    // "single": [{"SpecialToken": {"id": "<s>"}}, {"Sequence": {"id": "A"}}, ...]; ids come from "special_tokens".
    private static void AddTemplate(JsonElement element, string path, List<int> prefix, List<int> suffix)
    {
        var target = prefix;
        foreach (var piece in TokenizerJson.Array(element, "single", path))
        {
            if (piece.TryGetProperty("Sequence", out _))
            {
                target = suffix;
            }
            else if (piece.TryGetProperty("SpecialToken", out var special) && TokenizerJson.String(special, "id") is { } name)
            {
                if (!element.TryGetProperty("special_tokens", out var table) || !table.TryGetProperty(name, out var entry))
                {
                    throw TokenizerJson.Invalid(path, $"post_processor template uses '{name}', which its special_tokens do not define");
                }

                target.AddRange(TokenizerJson.Array(entry, "ids", path).Select(static id => id.GetInt32()));
            }
            else
            {
                throw TokenizerJson.Invalid(path, "post_processor template piece is neither SpecialToken nor Sequence");
            }
        }
    }

    private static int PairId(JsonElement element, string name, string path)
    {
        return element.TryGetProperty(name, out var pair) && pair.ValueKind == JsonValueKind.Array && pair.GetArrayLength() == 2
            && pair[1].TryGetInt32(out var id)
            ? id
            : throw TokenizerJson.Invalid(path, $"post_processor '{name}' is not [token, id]");
    }
}
