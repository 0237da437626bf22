using Gateway.Cli.Eval;

namespace Gateway.Cli.Tests.Eval;

public class KeyFactRecallTests
{
    [Theory]
    [InlineData("You get 28 days of paid leave.", "28 days", 1.0)]
    [InlineData("You get 28  DAYS of paid leave.", "28 days", 1.0)]
    [InlineData("each child under 128 days of ill", "28 days", 0.0)]
    [InlineData("A P12 ticket", "P1", 0.0)]
    [InlineData("A P1 ticket, then P12", "P1", 1.0)]
    [InlineData("type \"[secure]\" in the subject", "[secure]", 1.0)]
    [InlineData("Call 4357.", "4357", 1.0)]
    public void Of_FindsFactsAsWholeWordsOnly(string answer, string fact, double expected)
    {
        Assert.Equal(expected, KeyFactRecall.Of(answer, [fact]));
    }

    [Fact]
    public void Of_CountsTheShareOfFactsFound()
    {
        Assert.Equal(0.5, KeyFactRecall.Of("Tech Bar, floor 3", ["Tech Bar", "floor 2"]));
        Assert.Null(KeyFactRecall.Of("anything", []));
    }
}
