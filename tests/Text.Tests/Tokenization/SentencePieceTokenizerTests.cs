namespace Gateway.Text.Tests.Tokenization;

/// <summary>The real Llama 2 style tokenizer.json (Mistral vocabulary): Prepend("▁") normalizer, byte fallback.</summary>
public sealed class SentencePieceTokenizerTests
{
    private const int Bos = 1;
    private const int Eos = 2;
    private const int Space = 28705; // "▁"

    [Fact]
    public void Encode_HelloWorld_GivesMetaspacePieces()
    {
        var tokenizer = RealTokenizers.SentencePiece;
        var ids = tokenizer.Encode("Hello world");

        Assert.Equal([22557, 1526], ids);
        Assert.Equal(["\u2581Hello", "\u2581world"], ids.Select(tokenizer.TokenString));
    }

    [Fact]
    public void Encode_WithSpecialTokens_FollowsTemplateAndConfig()
    {
        Assert.Equal([Bos, 22557, 1526], RealTokenizers.SentencePiece.Encode("Hello world", addSpecialTokens: true));
        Assert.Equal(Bos, RealTokenizers.SentencePiece.BosTokenId);
        Assert.Equal([Eos], RealTokenizers.SentencePiece.EosTokenIds);
    }

    [Fact]
    public void Encode_CharacterMissingFromVocab_FallsBackToUtf8ByteTokens()
    {
        // U+1F999 is F0 9F A6 99; byte token <0xNN> has id 3 + NN.
        Assert.Equal([Space, 3 + 0xF0, 3 + 0x9F, 3 + 0xA6, 3 + 0x99], RealTokenizers.SentencePiece.Encode("\U0001F999"));
    }

    [Theory]
    [InlineData("Hello world")]
    [InlineData(" leading space")]
    [InlineData("  two leading spaces and trailing  ")]
    [InlineData("\U0001F999 llama")]
    public void Decode_EncodedText_RestoresLeadingSpacesExactly(string text)
    {
        var tokenizer = RealTokenizers.SentencePiece;

        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text)));
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text, addSpecialTokens: true)));
    }

    [Fact]
    public void Decode_KeepingSpecialTokens_DoesNotStripAfterBos()
    {
        // Hugging Face strips the first space of the whole output, which then starts with "<s>".
        Assert.Equal("<s> Hello world", RealTokenizers.SentencePiece.Decode([Bos, 22557, 1526], skipSpecialTokens: false));
    }
}
