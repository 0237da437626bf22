using Gateway.Text.Tokenization;

namespace Gateway.Inference.Tests.Engine;

/// <summary>A stand-in tokenizer for engine tests: id n reads as "[n]", so streamed text shows the ids exactly.</summary>
internal sealed class IdTokenizer(int vocabSize, params int[] eos) : ITextTokenizer
{
    public int VocabSize => vocabSize;
    public int? BosTokenId => null;
    public IReadOnlyList<int> EosTokenIds => eos;

    public IReadOnlyList<int> Encode(string text, bool addSpecialTokens = false) =>
        text.Split(']', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p.TrimStart('['), System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true) => string.Concat(ids.Select(i => $"[{i}]"));
    public IStreamingDetokenizer CreateStreamingDetokenizer(bool skipSpecialTokens = true) => new Stream();
    public bool IsSpecial(int id) => false;
    public string? TokenString(int id) => $"[{id}]";

    private sealed class Stream : IStreamingDetokenizer
    {
        public string Push(int id) => $"[{id}]";
        public string Flush() => "";
    }
}
