namespace Gateway.Text.Tests.Tokenization;

public sealed class RoundTripTests
{
    public static TheoryData<string> Tokenizers => TestTokenizers.All;

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void DecodeEncode_NamedUnicodeSamples_ReturnsOriginalText(string name)
    {
        var tokenizer = TestTokenizers.Get(name);
        foreach (var text in UnicodeSamples.Named)
        {
            Assert.Equal(TestTokenizers.RoundTripOf(name, text), tokenizer.Decode(tokenizer.Encode(text)));
        }
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void DecodeEncode_SeededRandomStringsOverAllPlanes_ReturnsOriginalText(string name)
    {
        var tokenizer = TestTokenizers.Get(name);
        foreach (var text in UnicodeSamples.Random(300, seed: 7))
        {
            var ids = tokenizer.Encode(text, addSpecialTokens: true);
            Assert.Equal(TestTokenizers.RoundTripOf(name, text), tokenizer.Decode(ids));
        }
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Encode_EveryId_IsInsideVocab(string name)
    {
        var tokenizer = TestTokenizers.Get(name);
        var ids = UnicodeSamples.Named.SelectMany(text => tokenizer.Encode(text, addSpecialTokens: true));

        Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabSize - 1));
    }
}
