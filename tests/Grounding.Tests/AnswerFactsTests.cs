namespace Gateway.Grounding.Tests;

/// <summary>The one rule for a fact in a text, which training and gw eval share.</summary>
public class AnswerFactsTests
{
    [Theory]
    [InlineData("You get 28 days of paid leave.", "28 days", true)]
    [InlineData("You get 28  DAYS of paid leave.", "28 days", true)]
    [InlineData("each child under 128 days of ill", "28 days", false)]
    [InlineData("A P12 ticket", "P1", false)]
    [InlineData("A P1 ticket, then P12", "P1", true)]
    [InlineData("write to support@nordwave-audio.com today", "support@nordwave-audio.com", true)]
    public void Holds_MatchesWholeWordsIgnoringCaseAndSpacing(string text, string fact, bool expected)
    {
        Assert.Equal(expected, AnswerFacts.Holds(text, fact));
    }

    [Fact]
    public void CountIn_CountsOnlyTheFactsTheTextHolds()
    {
        Assert.Equal(2, AnswerFacts.CountIn("Returns within 30 days, refunds in 14 days.", ["30 days", "3 days", "14"]));
        Assert.Equal(0, AnswerFacts.CountIn("Version 2.4.10", ["2.4.1"]));
    }
}
