using System.Text;

namespace Gateway.Text.Tests.Tokenization;

public sealed class StreamingDetokenizerTests
{
    public static TheoryData<string> Tokenizers => TestTokenizers.All;

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Push_IdsOneByOne_ConcatenatesToDecodeAndNeverEmitsReplacementCharacter(string name)
    {
        var tokenizer = TestTokenizers.Get(name);
        foreach (var text in UnicodeSamples.Named.Concat(UnicodeSamples.Random(100, seed: 11)))
        {
            var ids = tokenizer.Encode(text, addSpecialTokens: true);
            var stream = tokenizer.CreateStreamingDetokenizer();
            var streamed = new StringBuilder();
            foreach (var id in ids)
            {
                var delta = stream.Push(id);
                Assert.DoesNotContain('\uFFFD', delta);
                streamed.Append(delta);
            }

            Assert.Equal(string.Empty, stream.Flush());
            Assert.Equal(tokenizer.Decode(ids), streamed.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Push_EmojiSplitAcrossByteTokens_HoldsBackUntilCharacterIsComplete(string name)
    {
        var tokenizer = TestTokenizers.Get(name);
        const string text = "a\U00013000\U0001F999\u4e16\U0001F468\u200D\U0001F469";
        var stream = tokenizer.CreateStreamingDetokenizer();
        var deltas = tokenizer.Encode(text).Select(stream.Push).ToList();

        Assert.Contains(string.Empty, deltas); // at least one id ended inside a character
        Assert.All(deltas, delta => Assert.DoesNotContain('\uFFFD', delta));
        Assert.Equal(text, string.Concat(deltas));
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Flush_StreamEndingInsideCharacter_EmitsOneReplacementCharacter(string name)
    {
        var tokenizer = TestTokenizers.Get(name);
        var ids = tokenizer.Encode("x\U00013000"); // an Egyptian hieroglyph: several byte tokens in every vocab here
        var stream = tokenizer.CreateStreamingDetokenizer();

        var emitted = string.Concat(ids.Take(ids.Count - 1).Select(stream.Push));

        Assert.Equal("x", emitted);
        Assert.Equal("\uFFFD", stream.Flush());
    }

    [Fact]
    public void Push_SentencePieceStream_StripsOnlyTheFirstLeadingSpace()
    {
        var tokenizer = RealTokenizers.SentencePiece;
        var stream = tokenizer.CreateStreamingDetokenizer();

        var deltas = tokenizer.Encode("Hello world", addSpecialTokens: true).Select(stream.Push).ToList();

        Assert.Equal(["", "Hello", " world"], deltas);
    }

    [Fact]
    public void Push_SpecialTokensKept_EmitsTheirText()
    {
        var tokenizer = RealTokenizers.Qwen3;
        var stream = tokenizer.CreateStreamingDetokenizer(skipSpecialTokens: false);

        var text = string.Concat(tokenizer.Encode("<|im_start|>assistant\nHi<|im_end|>").Select(stream.Push)) + stream.Flush();

        Assert.Equal("<|im_start|>assistant\nHi<|im_end|>", text);
    }
}
