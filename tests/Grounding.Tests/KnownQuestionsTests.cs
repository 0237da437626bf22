using Gateway.Grounding;

namespace Gateway.Grounding.Tests;

public class KnownQuestionsTests
{
    private const string Leave = """
        # Leave

        Every employee has 28 days of paid annual leave plus public holidays.

        ## Christmas

        24 December and 31 December are company days off.
        """;

    private const string Travel = """
        # Travel

        Book trains and flights in TripDesk. Days off in lieu are not given for travel time.
        """;

    [Fact]
    public void Search_UserWordingOnlyInAKnownQuestion_FindsThePassageThatAnswersIt()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("leave.md"), Leave);
        File.WriteAllText(dir.Combine("travel.md"), Travel);
        string query = "are xmas eve and nye free?";
        Assert.DoesNotContain("leave.md#1", new Bm25Index(KnowledgeBase.Load(dir.Path)).Search(query, 3).Select(h => h.Passage.Id));

        File.WriteAllLines(dir.Combine(KnownQuestions.FileName),
        [
            KnownQuestions.Line("do I get xmas eve free?", "24 December and 31 December are company days off."),
            KnownQuestions.Line("is nye a day off?", "24 December and  31 December are company\ndays off."),
        ]);
        var knowledge = KnowledgeBase.Load(dir.Path);

        Assert.Equal("leave.md#1", new Bm25Index(knowledge).Search(query, 1).Single().Passage.Id);
        Assert.Equal(2, knowledge.Questions);
        Assert.Equal(0, knowledge.UnmatchedQuestions);
    }

    [Fact]
    public void Load_QuoteNoPassageHolds_IsCountedNotFatal()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("leave.md"), Leave);
        File.WriteAllLines(dir.Combine(KnownQuestions.FileName), [KnownQuestions.Line("how many days?", "Every employee has 30 days.")]);

        var knowledge = KnowledgeBase.Load(dir.Path);

        Assert.Equal(1, knowledge.UnmatchedQuestions);
        Assert.Equal(0, knowledge.Questions);
    }

    [Fact]
    public void Load_QuoteSpanningTwoPassages_AttachesToBoth()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("leave.md"), Leave);
        File.WriteAllLines(dir.Combine(KnownQuestions.FileName),
            [KnownQuestions.Line("leave and xmas?", "Every employee has 28 days of paid annual leave plus public holidays. 24 December and 31 December are company days off.")]);

        var knowledge = KnowledgeBase.Load(dir.Path);

        Assert.Equal(0, knowledge.UnmatchedQuestions);
        Assert.All(knowledge.Passages, p => Assert.Equal(["leave and xmas?"], p.Questions));
    }

    [Theory]
    [InlineData("""{"question":"q"}""")]
    [InlineData("""{"question":"q","quote":""}""")]
    [InlineData("not json")]
    public void Load_MalformedLine_RefusedWithFileAndLine(string line)
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("leave.md"), Leave);
        File.WriteAllLines(dir.Combine(KnownQuestions.FileName), [KnownQuestions.Line("q", "Every employee has 28 days"), "", line]);

        var error = Assert.Throws<InvalidDataException>(() => KnowledgeBase.Load(dir.Path));

        Assert.Contains($"{KnownQuestions.FileName} line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContextQuote_SentenceWithTheAnswersFacts_IsQuotedVerbatim()
    {
        var passages = KnowledgeBase.Split("leave.md", Leave).ToList();
        string answer = "Yes: 24 December and 31 December are days off for everyone.";

        Assert.Equal("24 December and 31 December are company days off.", ContextQuote.For(answer, AnswerFacts.Of(answer), passages));
    }
}
