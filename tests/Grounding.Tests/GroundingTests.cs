using Gateway.Grounding;
using Gateway.Text.Chat;

namespace Gateway.Grounding.Tests;

public class GroundingTests
{
    private const string Policy = """
        # Leave policy

        Every employee has 28 days of paid annual leave plus public holidays.

        ## Parental leave

        Parental leave is 16 weeks at full pay for every parent.

        ## Sick leave

        Report sick leave to your manager before 10:00 on the first day.
        """;

    private const string Vpn = """
        # VPN

        The VPN client is Nordwave SecureLink. Connect before opening internal tools from home.
        """;

    [Fact]
    public void Split_MarkdownSections_BecomePassagesWithHeadingPaths()
    {
        var passages = KnowledgeBase.Split("leave.md", Policy).ToList();

        Assert.Equal(["leave.md#0", "leave.md#1", "leave.md#2"], passages.Select(p => p.Id));
        Assert.Equal("Leave policy › Parental leave", passages[1].Title);
        Assert.Equal("Parental leave is 16 weeks at full pay for every parent.", passages[1].Text);
    }

    [Theory]
    [InlineData("how many weeks of parental leave do I get", "leave.md#1")]
    [InlineData("which VPN client do we use from home?", "vpn.md#0")]
    [InlineData("I am sick today, who do I tell?", "leave.md#2")]
    public void Search_FindsThePassageThatAnswers(string query, string expected)
    {
        var index = new Bm25Index(KnowledgeBase.FromPassages(KnowledgeBase.Split("leave.md", Policy).Concat(KnowledgeBase.Split("vpn.md", Vpn))));

        var results = index.Search(query, 2);

        Assert.Equal(expected, results[0].Passage.Id);
        Assert.True(results.Count <= 2);
    }

    [Fact]
    public void Apply_PutsContextIntoTheSystemMessageAndKeepsTheClientsOwn()
    {
        var passages = KnowledgeBase.Split("vpn.md", Vpn).ToList();
        ChatTurn[] messages =
        [
            new ChatTurn("system", "Be polite."),
            new ChatTurn("user", "VPN?"),
        ];

        var grounded = GroundedPrompt.Apply(messages, new AssistantIdentity("Nordwave", "IT helpdesk"), passages);

        Assert.Equal(2, grounded.Count);
        string system = grounded[0].Content!;
        Assert.StartsWith("You are the Nordwave IT helpdesk assistant.", system, StringComparison.Ordinal);
        Assert.Contains("[1] VPN: The VPN client is Nordwave SecureLink.", system, StringComparison.Ordinal);
        Assert.EndsWith("Be polite.", system, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_ShortFollowUpIncludesThePreviousUserTurn()
    {
        ChatTurn[] messages =
        [
            new ChatTurn("user", "How long is parental leave?"),
            new ChatTurn("assistant", "16 weeks."),
            new ChatTurn("user", "and for my partner?"),
        ];

        Assert.Equal("How long is parental leave? and for my partner?", GroundedPrompt.Query(messages));
    }
}
