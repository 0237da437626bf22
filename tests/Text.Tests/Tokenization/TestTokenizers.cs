using Gateway.Text.Tokenization;

namespace Gateway.Text.Tests.Tokenization;

/// <summary>Every tokenizer the shared tests run against, by a name usable as theory data.</summary>
internal static class TestTokenizers
{
    public const string Llama3 = "Llama3";
    public const string Qwen3 = "Qwen3";
    public const string SentencePiece = "SentencePiece";
    public const string Trained = "TrainedByteLevel";

    public static TheoryData<string> All => [Llama3, Qwen3, SentencePiece, Trained];

    public static ITextTokenizer Get(string name) => name switch
    {
        Llama3 => RealTokenizers.Llama3,
        Qwen3 => RealTokenizers.Qwen3,
        SentencePiece => RealTokenizers.SentencePiece,
        Trained => TrainedByteLevelTokenizer.Tokenizer,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown test tokenizer"),
    };

    /// <summary>
    /// What decoding the encoding of <paramref name="text"/> must give: the text itself, except that Qwen3 applies
    /// NFC (a no-op under InvariantGlobalization) and SentencePiece decoders turn a literal "▁" into a space.
    /// </summary>
    public static string RoundTripOf(string name, string text) => name switch
    {
        Qwen3 => text.Normalize(System.Text.NormalizationForm.FormC),
        SentencePiece => text.Replace('\u2581', ' '),
        _ => text,
    };
}
