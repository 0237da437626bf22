using Gateway.Text.Tokenization;

namespace Gateway.Text.Tests.Tokenization;

public sealed class AddedTokenMatcherTests
{
    [Fact]
    public void Split_OverlappingTokens_TakesLongestMatch()
    {
        var matcher = new AddedTokenMatcher([Token(1, "<|a|>"), Token(2, "<|a|>x")]);

        var segments = matcher.Split("hi<|a|>xy");

        Assert.Equal([(0, 2, null), (2, 6, 2), (8, 1, null)], segments.Select(static s => (s.Start, s.Length, s.Token?.Id)));
    }

    [Fact]
    public void Split_StripFlags_SwallowNeighbouringWhitespace()
    {
        var matcher = new AddedTokenMatcher([Token(1, "<mask>") with { LeftStrip = true, RightStrip = true }]);

        var segments = matcher.Split("a  <mask>\t b");

        Assert.Equal([(0, 1, null), (1, 10, 1), (11, 1, null)], segments.Select(static s => (s.Start, s.Length, s.Token?.Id)));
    }

    [Fact]
    public void Split_SingleWordToken_IgnoresMatchesInsideWords()
    {
        var matcher = new AddedTokenMatcher([Token(1, "cat") with { SingleWord = true }]);

        Assert.Single(matcher.Split("concatenate"));
        Assert.Equal(1, matcher.Split("a cat!")[1].Token?.Id);
    }

    private static AddedToken Token(int id, string content) => new(id, content, Special: true, SingleWord: false, LeftStrip: false, RightStrip: false);
}
