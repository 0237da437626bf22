using System.Text;

namespace Gateway.Text.Tokenization;

/// <summary>
/// Decodes one stream of ids. A stateful UTF-8 decoder holds back the bytes of an unfinished character, so a
/// character split across byte tokens (emoji, CJK) is emitted whole once its last byte arrives. Not thread-safe:
/// one instance per stream.
/// </summary>
internal sealed class StreamingDetokenizer(HuggingFaceTokenizer tokenizer, bool skipSpecialTokens) : IStreamingDetokenizer
{
    private readonly Decoder _utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private int _leadingSpacesToStrip = tokenizer.ByteDecoder.LeadingSpacesToStrip;
    private char[] _chars = new char[16];

    public string Push(int id)
    {
        if (skipSpecialTokens && tokenizer.IsSpecial(id))
        {
            return string.Empty;
        }

        return Decode(tokenizer.ByteDecoder.Bytes(id), flush: false);
    }

    public string Flush() => Decode([], flush: true);

    private string Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        var needed = _utf8.GetCharCount(bytes, flush);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var count = _utf8.GetChars(bytes, _chars, flush);
        var text = _chars.AsSpan(0, count);

        // The Strip decoder removes leading spaces of the whole output, i.e. only at the start of the stream.
        while (_leadingSpacesToStrip > 0 && text.Length > 0)
        {
            if (text[0] == ' ')
            {
                text = text[1..];
                _leadingSpacesToStrip--;
            }
            else
            {
                _leadingSpacesToStrip = 0;
            }
        }

        return text.ToString();
    }
}
