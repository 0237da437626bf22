using System.Text;
using System.Text.Json;
using Gateway.Text.Bpe;

namespace Gateway.Text.Tokenization;

/// <summary>
/// The tokenizer.json "decoder", reduced to what it means per token: the UTF-8 bytes each id contributes, plus
/// whether one leading space of the whole output is dropped (Strip / Metaspace undo the "▁" prepended to the input).
/// Decoding is then byte concatenation and one UTF-8 decode, which also makes streaming exact.
/// </summary>
/// <remarks>
/// Supported: ByteLevel (GPT-2 byte alphabet), and Sequences of Replace, ByteFallback (&lt;0xNN&gt; tokens), Fuse,
/// Strip (after Fuse, leading spaces only) and Metaspace, as Llama 2 / Mistral / Phi-3 tokenizer.json files use.
/// </remarks>
internal sealed class TokenByteDecoder
{
    private readonly byte[][] _bytes;

    private TokenByteDecoder(byte[][] bytes, int leadingSpacesToStrip)
    {
        _bytes = bytes;
        LeadingSpacesToStrip = leadingSpacesToStrip;
    }

    /// <summary>How many leading spaces of the decoded text to drop (0 or, for SentencePiece styles, 1).</summary>
    public int LeadingSpacesToStrip { get; }

    /// <summary>The bytes of <paramref name="id"/>; empty for ids the tokenizer does not know.</summary>
    public ReadOnlySpan<byte> Bytes(int id) => (uint)id < (uint)_bytes.Length && _bytes[id] is { } bytes ? bytes : [];

    public static TokenByteDecoder FromJson(JsonElement? decoder, string?[] tokensById, string path)
    {
        var rules = new Rules();
        if (decoder is { } element)
        {
            rules.Add(element, path);
        }

        var bytes = new byte[tokensById.Length][];
        for (var id = 0; id < tokensById.Length; id++)
        {
            if (tokensById[id] is { } token)
            {
                bytes[id] = rules.TokenBytes(token);
            }
        }

        return new TokenByteDecoder(bytes, rules.LeadingSpacesToStrip);
    }

    private sealed class Rules
    {
        private readonly List<(string From, string To)> _replacements = [];
        private bool _byteLevel;
        private bool _byteFallback;
        private bool _fused;

        public int LeadingSpacesToStrip { get; private set; }

        public void Add(JsonElement element, string path)
        {
            var type = TokenizerJson.TypeOf(element, path, "decoder");
            switch (type)
            {
                case "Sequence":
                    foreach (var child in TokenizerJson.Array(element, "decoders", path))
                    {
                        Add(child, path);
                    }

                    break;
                case "ByteLevel":
                    _byteLevel = true;
                    break;
                case "ByteFallback":
                    _byteFallback = true;
                    break;
                case "Fuse":
                    _fused = true;
                    break;
                case "Replace":
                    var from = element.TryGetProperty("pattern", out var pattern) ? TokenizerJson.String(pattern, "String") : null;
                    var to = TokenizerJson.String(element, "content");
                    _replacements.Add(from is { Length: > 0 } && to is not null ? (from, to) : throw TokenizerJson.Unsupported(path, "decoder", "Replace with a regex pattern"));
                    break;
                case "Strip":
                    // Strip works per token; only after Fuse is it "strip the start of the whole text".
                    if (!_fused || TokenizerJson.String(element, "content") != " " || TokenizerJson.Int(element, "stop", 0) != 0)
                    {
                        throw TokenizerJson.Unsupported(path, "decoder", "Strip other than leading spaces after Fuse");
                    }

                    LeadingSpacesToStrip = TokenizerJson.Int(element, "start", 0);
                    break;
                case "Metaspace":
                    _replacements.Add((TokenizerJson.String(element, "replacement") ?? "\u2581", " "));
                    var scheme = TokenizerJson.String(element, "prepend_scheme") ?? (TokenizerJson.Bool(element, "add_prefix_space", true) ? "always" : "never");
                    LeadingSpacesToStrip = scheme == "never" ? 0 : 1;
                    break;
                default:
                    throw TokenizerJson.Unsupported(path, "decoder", type);
            }
        }

        public byte[] TokenBytes(string token)
        {
            if (_byteFallback && token is ['<', '0', 'x', _, _, '>'] && byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value))
            {
                return [value];
            }

            // Byte-level tokens map back through the GPT-2 alphabet; text outside it (e.g. an added token with
            // plain spaces) is taken as UTF-8, as Hugging Face's ByteLevel decoder does.
            if (_byteLevel && token.All(static c => ByteLevelAlphabet.TryCharToByte(c, out _)))
            {
                return ByteLevelAlphabet.Decode(token);
            }

            foreach (var (from, to) in _replacements)
            {
                token = token.Replace(from, to, StringComparison.Ordinal);
            }

            return Encoding.UTF8.GetBytes(token);
        }
    }
}
