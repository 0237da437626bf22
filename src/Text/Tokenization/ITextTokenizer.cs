namespace Gateway.Text.Tokenization;

/// <summary>
/// Text ↔ token ids for a loaded model, as its <c>tokenizer.json</c> and <c>tokenizer_config.json</c> define them.
/// Thread-safe: one instance serves every request.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Number of ids the tokenizer can produce (highest id + 1).</summary>
    int VocabSize { get; }

    /// <summary>Id of the beginning-of-sequence token, when the tokenizer has one.</summary>
    int? BosTokenId { get; }

    /// <summary>Ids that end generation according to the tokenizer config (the model config may add more).</summary>
    IReadOnlyList<int> EosTokenIds { get; }

    /// <summary>Encodes text; special tokens written in the text (e.g. "&lt;|im_end|&gt;") become their single ids.</summary>
    /// <param name="addSpecialTokens">Add BOS/EOS as the tokenizer's post-processor and tokenizer_config say (as Hugging Face does).</param>
    IReadOnlyList<int> Encode(string text, bool addSpecialTokens = false);

    /// <summary>Decodes ids to text; invalid UTF-8 becomes U+FFFD, as Hugging Face decoders do.</summary>
    string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true);

    /// <summary>A decoder for one stream of generated ids that never emits a broken multi-byte character.</summary>
    IStreamingDetokenizer CreateStreamingDetokenizer(bool skipSpecialTokens = true);

    bool IsSpecial(int id);

    /// <summary>The token's string in the vocabulary (e.g. "Ġhello" or "▁hello"), or null for an unknown id.</summary>
    string? TokenString(int id);
}

/// <summary>Turns generated ids into text deltas as they arrive.</summary>
public interface IStreamingDetokenizer
{
    /// <summary>Adds one id and returns the text it completes (possibly empty while a character is incomplete).</summary>
    string Push(int id);

    /// <summary>Returns whatever is still held back at the end of the stream.</summary>
    string Flush();
}
