using System.Text.Json;

namespace Gateway.Text.Bpe;

/// <summary>Reads and checks the parts of tokenizer.json the gateway relies on (a BPE model).</summary>
internal static class TokenizerJsonReader
{
    public sealed record Content(
        Dictionary<string, int> Vocab,
        List<BpeMerge> Merges,
        Dictionary<string, int> AddedTokens,
        Dictionary<string, int> SpecialTokens,
        string? PreTokenizerPattern);

    public static Content Read(string path)
    {
        using var document = TokenizerFiles.ParseJsonFile(path);
        var root = document.RootElement;
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            throw TokenizerFiles.Invalid(path, "missing 'model'");
        }

        if (model.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.ValueEquals("BPE")))
        {
            throw TokenizerFiles.Invalid(path, $"model.type is '{type}', only 'BPE' is supported");
        }

        var vocab = ReadVocab(path, model);
        var merges = ReadMerges(path, model, vocab);
        var (added, special) = ReadAddedTokens(path, root);
        return new Content(vocab, merges, added, special, FindSplitPattern(root));
    }

    private static Dictionary<string, int> ReadVocab(string path, JsonElement model)
    {
        if (!model.TryGetProperty("vocab", out var vocabElement) || vocabElement.ValueKind != JsonValueKind.Object)
        {
            throw TokenizerFiles.Invalid(path, "missing 'model.vocab'");
        }

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<int, string>();
        foreach (var entry in vocabElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id) || id < 0)
            {
                throw TokenizerFiles.Invalid(path, $"model.vocab['{entry.Name}'] is not a non-negative integer id");
            }

            if (!owners.TryAdd(id, entry.Name))
            {
                throw TokenizerFiles.Invalid(path, $"model.vocab gives id {id} to both '{owners[id]}' and '{entry.Name}'");
            }

            vocab[entry.Name] = id;
        }

        return vocab;
    }

    // Accepts both merge spellings: ["a", "b"] (tokenizers >= 0.20) and the older "a b".
    private static List<BpeMerge> ReadMerges(string path, JsonElement model, Dictionary<string, int> vocab)
    {
        if (!model.TryGetProperty("merges", out var mergesElement) || mergesElement.ValueKind != JsonValueKind.Array)
        {
            throw TokenizerFiles.Invalid(path, "missing 'model.merges'");
        }

        var merges = new List<BpeMerge>(mergesElement.GetArrayLength());
        foreach (var item in mergesElement.EnumerateArray())
        {
            var merge = ParseMerge(item) ?? throw TokenizerFiles.Invalid(path, $"model.merges[{merges.Count}] is neither \"a b\" nor [\"a\", \"b\"]");
            foreach (var part in new[] { merge.Left, merge.Right, merge.Left + merge.Right })
            {
                if (!vocab.ContainsKey(part))
                {
                    throw TokenizerFiles.Invalid(path, $"model.merges[{merges.Count}] uses '{part}', which is not in model.vocab");
                }
            }

            merges.Add(merge);
        }

        return merges;
    }

    private static BpeMerge? ParseMerge(JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            var parts = item.GetString()!.Split(' ');
            return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? new BpeMerge(parts[0], parts[1]) : null;
        }

        if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() == 2
            && item[0].ValueKind == JsonValueKind.String && item[1].ValueKind == JsonValueKind.String)
        {
            return new BpeMerge(item[0].GetString()!, item[1].GetString()!);
        }

        return null;
    }

    private static (Dictionary<string, int> Added, Dictionary<string, int> Special) ReadAddedTokens(string path, JsonElement root)
    {
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!root.TryGetProperty("added_tokens", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return (added, special);
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw TokenizerFiles.Invalid(path, "'added_tokens' is not an array");
        }

        var index = 0;
        foreach (var token in list.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.Object
                || !token.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var tokenId) || tokenId < 0
                || !token.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.String)
            {
                throw TokenizerFiles.Invalid(path, $"added_tokens[{index}] needs a non-negative 'id' and a string 'content'");
            }

            added[content.GetString()!] = tokenId;
            if (token.TryGetProperty("special", out var isSpecial) && isSpecial.ValueKind == JsonValueKind.True)
            {
                special[content.GetString()!] = tokenId;
            }

            index++;
        }

        return (added, special);
    }

    // The regex sits either directly in a Split pre-tokenizer or in one step of a Sequence.
    private static string? FindSplitPattern(JsonElement root)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var steps = pre.TryGetProperty("pretokenizers", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList()
            : [pre];
        foreach (var step in steps)
        {
            if (step.ValueKind == JsonValueKind.Object
                && step.TryGetProperty("type", out var type) && type.ValueEquals("Split")
                && step.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.Object
                && pattern.TryGetProperty("Regex", out var regex) && regex.ValueKind == JsonValueKind.String)
            {
                return regex.GetString();
            }
        }

        return null;
    }
}
