using Gateway.Text.Bpe;

namespace Gateway.Text.Tests.Bpe;

public sealed class ByteLevelAlphabetTests
{
    [Theory]
    [InlineData(0x20, 'Ġ')]
    [InlineData(0x0A, 'Ċ')]
    [InlineData(0x09, 'ĉ')]
    [InlineData(0x00, 'Ā')]
    [InlineData(0x7F, 'ġ')]
    [InlineData(0xAD, 'Ń')]
    [InlineData((int)'a', 'a')]
    [InlineData(0xE9, 'é')]
    public void ByteToChar_KnownGpt2Entries_Match(int value, char expected)
    {
        Assert.Equal(expected, ByteLevelAlphabet.ByteToChar((byte)value));
    }

    [Fact]
    public void Symbols_AllBytes_AreDistinctAndRoundTrip()
    {
        var allBytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

        var encoded = ByteLevelAlphabet.Encode(allBytes);

        Assert.Equal(256, encoded.Distinct().Count());
        Assert.Equal(allBytes, ByteLevelAlphabet.Decode(encoded));
    }

    [Fact]
    public void Decode_CharacterOutsideAlphabet_Throws()
    {
        Assert.Throws<ArgumentException>(() => ByteLevelAlphabet.Decode("a\u4E00"));
    }
}
