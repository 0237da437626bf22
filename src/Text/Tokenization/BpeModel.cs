using System.Collections.Concurrent;
using System.Text;

namespace Gateway.Text.Tokenization;

/// <summary>Options of a tokenizer.json BPE model beyond vocab and merges.</summary>
/// <param name="IgnoreMerges">A word found whole in the vocab is one token (Llama 3), even if merges would split it.</param>
/// <param name="ByteFallback">Characters missing from the vocab become &lt;0xNN&gt; tokens of their UTF-8 bytes.</param>
/// <param name="UnknownId">The unk_token id, used for characters that cannot be encoded otherwise.</param>
/// <param name="FuseUnknown">Consecutive unknown characters become a single unk token.</param>
internal sealed record BpeModelOptions(bool IgnoreMerges, bool ByteFallback, int? UnknownId, bool FuseUnknown);

/// <summary>
/// Encodes one pre-tokenized word to ids. Thread-safe; results for short words are cached because chat text
/// repeats the same words constantly.
/// </summary>
internal sealed class BpeModel
{
    private const int MaxCachedWordLength = 64;
    private const int MaxCacheEntries = 200_000;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocab;
    private readonly BpeMergeTable _merges;
    private readonly BpeModelOptions _options;
    private readonly int[] _byteTokenIds;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cacheEntries;

    public BpeModel(IReadOnlyDictionary<string, int> vocab, BpeMergeTable merges, BpeModelOptions options)
    {
        _vocab = new Dictionary<string, int>(vocab, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _merges = merges;
        _options = options;
        _byteTokenIds = new int[256];
        for (var b = 0; b < 256; b++)
        {
            _byteTokenIds[b] = vocab.TryGetValue($"<0x{b:X2}>", out var id) ? id : -1;
        }
    }

    public void Encode(string word, List<int> output)
    {
        if (word.Length <= MaxCachedWordLength && _cache.TryGetValue(word, out var cached))
        {
            output.AddRange(cached);
            return;
        }

        if (_options.IgnoreMerges && _vocab.TryGetValue(word, out var whole))
        {
            output.Add(whole);
            return;
        }

        var start = output.Count;
        BpeWordMerger.Merge(InitialSymbols(word), _merges, output);
        if (word.Length <= MaxCachedWordLength && Volatile.Read(ref _cacheEntries) < MaxCacheEntries
            && _cache.TryAdd(word, [.. output.GetRange(start, output.Count - start)]))
        {
            Interlocked.Increment(ref _cacheEntries);
        }
    }

    // One symbol per character (a surrogate pair counts as one), or its byte tokens, or unk.
    private List<int> InitialSymbols(string word)
    {
        var symbols = new List<int>(word.Length);
        var previousWasUnknown = false;
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < word.Length;)
        {
            var length = char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]) ? 2 : 1;
            var character = word.AsSpan(i, length);
            i += length;
            if (_vocab.TryGetValue(character, out var id))
            {
                symbols.Add(id);
                previousWasUnknown = false;
            }
            else if (_options.ByteFallback && TryAddByteTokens(character, utf8, symbols))
            {
                previousWasUnknown = false;
            }
            else if (_options.UnknownId is { } unknown)
            {
                if (!(previousWasUnknown && _options.FuseUnknown))
                {
                    symbols.Add(unknown);
                }

                previousWasUnknown = true;
            }

            // Without unk_token Hugging Face drops the character; so do we.
        }

        return symbols;
    }

    private bool TryAddByteTokens(ReadOnlySpan<char> character, Span<byte> utf8, List<int> symbols)
    {
        var count = Encoding.UTF8.GetBytes(character, utf8);
        for (var b = 0; b < count; b++)
        {
            if (_byteTokenIds[utf8[b]] < 0)
            {
                return false;
            }
        }

        for (var b = 0; b < count; b++)
        {
            symbols.Add(_byteTokenIds[utf8[b]]);
        }

        return true;
    }
}
