using System.Buffers;
using System.Text;
using Gateway.Text.Bpe;

namespace Gateway.Text.Tokenization;

/// <summary>
/// A tokenizer.json BPE pipeline: added tokens → normalizer → pre-tokenizer → (byte-level mapping) → BPE,
/// then the post-processor's special tokens. Built by <see cref="TokenizerLoader"/>. Immutable apart from the
/// thread-safe word cache, so one instance serves all requests.
/// </summary>
internal sealed class HuggingFaceTokenizer : ITextTokenizer
{
    private readonly AddedTokenMatcher _addedTokens;
    private readonly TextNormalizer _normalizer;
    private readonly PreTokenizer _preTokenizer;
    private readonly BpeModel _model;
    private readonly SpecialTokenTemplate _template;
    private readonly string?[] _tokensById;
    private readonly bool[] _special;

    public HuggingFaceTokenizer(
        TokenizerDescription description,
        IReadOnlyList<AddedToken> addedTokens,
        TextNormalizer normalizer,
        PreTokenizer preTokenizer,
        BpeModel model,
        SpecialTokenTemplate template,
        Func<string?[], TokenByteDecoder> createDecoder)
    {
        _addedTokens = new AddedTokenMatcher(addedTokens);
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _model = model;
        _template = template;
        VocabSize = description.VocabSize;
        BosTokenId = description.BosTokenId;
        EosTokenIds = description.EosTokenIds;

        _tokensById = new string?[VocabSize];
        _special = new bool[VocabSize];
        foreach (var (token, id) in description.Vocab)
        {
            _tokensById[id] = token;
        }

        // Added tokens win over model.vocab entries with the same id, as in Hugging Face.
        foreach (var token in addedTokens)
        {
            _tokensById[token.Id] = token.Content;
            _special[token.Id] = token.Special;
        }

        ByteDecoder = createDecoder(_tokensById);
    }

    public int VocabSize { get; }

    public int? BosTokenId { get; }

    public IReadOnlyList<int> EosTokenIds { get; }

    internal TokenByteDecoder ByteDecoder { get; }

    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>((text.Length / 3) + 4);
        if (addSpecialTokens)
        {
            ids.AddRange(_template.Prefix);
        }

        var words = new List<string>();
        foreach (var segment in _addedTokens.Split(text))
        {
            if (segment.Token is { } token)
            {
                ids.Add(token.Id);
                continue;
            }

            var normalized = _normalizer.Apply(text.Substring(segment.Start, segment.Length));
            words.Clear();
            _preTokenizer.Split(normalized, startsInput: segment.Start == 0, words);
            foreach (var word in words)
            {
                _model.Encode(_preTokenizer.IsByteLevel ? ToByteLevel(word) : word, ids);
            }
        }

        if (addSpecialTokens)
        {
            ids.AddRange(_template.Suffix);
        }

        return ids;
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new ArrayBufferWriter<byte>();
        foreach (var id in ids)
        {
            if (!(skipSpecialTokens && IsSpecial(id)))
            {
                bytes.Write(ByteDecoder.Bytes(id));
            }
        }

        var text = Encoding.UTF8.GetString(bytes.WrittenSpan);
        var strip = 0;
        while (strip < ByteDecoder.LeadingSpacesToStrip && strip < text.Length && text[strip] == ' ')
        {
            strip++;
        }

        return text[strip..];
    }

    public IStreamingDetokenizer CreateStreamingDetokenizer(bool skipSpecialTokens = true) => new StreamingDetokenizer(this, skipSpecialTokens);

    public bool IsSpecial(int id) => (uint)id < (uint)_special.Length && _special[id];

    public string? TokenString(int id) => (uint)id < (uint)_tokensById.Length ? _tokensById[id] : null;

    private static string ToByteLevel(string word)
    {
        var byteCount = Encoding.UTF8.GetByteCount(word);
        var rented = byteCount <= 256 ? null : ArrayPool<byte>.Shared.Rent(byteCount);
        Span<byte> buffer = rented is null ? stackalloc byte[256] : rented;
        var written = Encoding.UTF8.GetBytes(word, buffer);
        var mapped = ByteLevelAlphabet.Encode(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return mapped;
    }
}
