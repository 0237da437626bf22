using Gateway.Grounding;

namespace Gateway.Grounding.Tests;

public class SentenceUnitTests
{
    private const string Vpn = """
        # VPN

        The VPN client is Nordwave SecureLink. In the office you do not need it.
        Code 619 means the tunnel timed out; switch SecureLink to TCP mode.
        """;

    [Fact]
    public void Load_SentenceUnit_EverySentenceIsAPassageWithItsSectionsTitleAndId()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("vpn.md"), Vpn);

        var sentences = KnowledgeBase.Load(dir.Path, RetrievalUnit.Sentence).Passages;

        Assert.Equal(["vpn.md#0.0", "vpn.md#0.1", "vpn.md#0.2"], sentences.Select(p => p.Id));
        Assert.All(sentences, p => Assert.Equal("VPN", p.Title));
        Assert.Equal("In the office you do not need it.", sentences[1].Text);
        Assert.Single(KnowledgeBase.Load(dir.Path).Passages);
    }

    [Fact]
    public void Search_SentenceUnit_KnownQuestionsPickTheSentenceThatAnswers()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("vpn.md"), Vpn);
        File.WriteAllLines(dir.Combine(KnownQuestions.FileName),
        [
            KnownQuestions.Line("which remote access app do we use", "The VPN client is Nordwave SecureLink."),
            KnownQuestions.Line("remote access keeps timing out at the hotel", "Code 619 means the tunnel timed out; switch SecureLink to TCP mode."),
        ]);
        var index = new Bm25Index(KnowledgeBase.Load(dir.Path, RetrievalUnit.Sentence));

        Assert.Equal("vpn.md#0.0", index.Search("what remote access app should I install?", 1).Single().Passage.Id);
        Assert.Equal("vpn.md#0.2", index.Search("remote access times out in my hotel", 1).Single().Passage.Id);
    }

    [Fact]
    public void Attach_TwoSentenceQuote_AttachesToBothSentences()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("vpn.md"), Vpn);
        File.WriteAllLines(dir.Combine(KnownQuestions.FileName),
            [KnownQuestions.Line("do I need securelink at my desk?", "The VPN client is Nordwave SecureLink. In the office you do not need it.")]);

        var knowledge = KnowledgeBase.Load(dir.Path, RetrievalUnit.Sentence);

        Assert.Equal([1, 1, 0], knowledge.Passages.Select(p => p.Questions.Count));
        Assert.Equal(0, knowledge.UnmatchedQuestions);
    }

    [Theory]
    [InlineData("sentence", RetrievalUnit.Sentence)]
    [InlineData(" Section ", RetrievalUnit.Section)]
    [InlineData("paragraph", null)]
    public void Parse_UnitNames(string text, RetrievalUnit? expected)
    {
        Assert.Equal(expected, RetrievalUnits.Parse(text));
    }
}
