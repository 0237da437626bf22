namespace Gateway.Text.Tests.Tokenization;

public sealed class Llama3TokenizerTests
{
    private const int BeginOfText = 128000;
    private const int EndOfText = 128001;

    [Fact]
    public void Encode_HelloWorld_MatchesHuggingFaceIds()
    {
        Assert.Equal([9906, 1917], RealTokenizers.Llama3.Encode("Hello world"));
    }

    [Fact]
    public void Encode_WithSpecialTokens_PrependsBeginOfText()
    {
        Assert.Equal([BeginOfText, 9906, 1917], RealTokenizers.Llama3.Encode("Hello world", addSpecialTokens: true));
    }

    [Fact]
    public void TokenRoles_FromTokenizerConfig_ResolveToIds()
    {
        Assert.Equal(BeginOfText, RealTokenizers.Llama3.BosTokenId);
        Assert.Equal([EndOfText], RealTokenizers.Llama3.EosTokenIds);
        Assert.Equal(128256, RealTokenizers.Llama3.VocabSize);
    }

    [Fact]
    public void Encode_ChatHeaderTokensInText_BecomeSingleSpecialIds()
    {
        var ids = RealTokenizers.Llama3.Encode("<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>");

        Assert.Equal(128006, ids[0]);
        Assert.Equal(128007, ids[2]);
        Assert.Equal(128009, ids[^1]);
        Assert.True(RealTokenizers.Llama3.IsSpecial(128009));
        Assert.Equal("user\n\nHi", RealTokenizers.Llama3.Decode(ids));
        Assert.Equal("<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>", RealTokenizers.Llama3.Decode(ids, skipSpecialTokens: false));
    }

    [Theory]
    [InlineData("lardan", 103084)]
    [InlineData(" jeho", 101503)]
    [InlineData(" việc", 100769)]
    public void Encode_VocabWordThatMergesWouldSplit_IsOneTokenBecauseOfIgnoreMerges(string word, int id)
    {
        // Applying the merges alone gives "l|ard|an", " j|eh|o", " vi|ệ|c"; Llama 3's ignore_merges keeps them whole.
        Assert.Equal([id], RealTokenizers.Llama3.Encode(word));
    }

    [Fact]
    public void TokenString_WordWithLeadingSpace_UsesByteLevelSpelling()
    {
        Assert.Equal("\u0120world", RealTokenizers.Llama3.TokenString(1917));
        Assert.Null(RealTokenizers.Llama3.TokenString(-1));
    }
}
