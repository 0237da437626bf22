using Gateway.Grounding;
using Gateway.Text.Chat;
using Gateway.Training.Data;

namespace Gateway.Training.Tests.Data;

public class ChatGroundingTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.FromPassages(
    [
        new Passage("leave.md#0", "leave.md", "Leave", "Employees receive 28 days of paid annual leave. Book it under \"Time off\"."),
        new Passage("leave.md#1", "leave.md", "Leave › Carry-over", "Up to 5 unused days carry over and must be used by 31 March."),
        new Passage("vpn.md#0", "vpn.md", "VPN", "The VPN client is SecureLink; it needs version 4.2 or later."),
    ]);

    [Fact]
    public void Apply_RetrievalMissesTheAnswersPassage_ItReplacesTheLastPassage()
    {
        // The question's words match the VPN passage; the answer's facts are only in the carry-over passage.
        var example = Example("which VPN client version about leave?", "Up to 5 unused days, used by 31 March.");
        var grounding = new ChatGrounding(Knowledge, "hr", new ChatGroundingOptions { TopK = 1 });

        string system = Content(grounding.Apply(example).Single(), "system");

        Assert.Contains("Up to 5 unused days carry over", system, StringComparison.Ordinal);
        Assert.DoesNotContain("SecureLink", system, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_Counterfactuals_ChangeSharedNumbersConsistentlyAndLeaveTheOriginal()
    {
        var example = Example("how many leave days do I get?", "You get 28 days of paid annual leave.");
        var grounding = new ChatGrounding(Knowledge, "hr", new ChatGroundingOptions { TopK = 2, Counterfactuals = 3, Seed = 7 });

        var variants = grounding.Apply(example);

        Assert.Equal(4, variants.Count);
        Assert.Contains("28 days", Content(variants[0], "assistant"), StringComparison.Ordinal);
        foreach (var variant in variants.Skip(1))
        {
            string answer = Content(variant, "assistant");
            string number = answer.Split(' ')[2];
            Assert.NotEqual("28", number);
            Assert.Equal(2, number.Length);
            Assert.Contains($"receive {number} days of paid annual leave", Content(variant, "system"), StringComparison.Ordinal);
            Assert.DoesNotContain("28", Content(variant, "system"), StringComparison.Ordinal);
        }

        Assert.Equal(variants.Skip(1).Select(v => Content(v, "assistant")), grounding.Apply(example).Skip(1).Select(v => Content(v, "assistant")));
    }

    [Fact]
    public void Apply_AnswerTakesNoNumberFromTheContext_NoCounterfactuals()
    {
        var example = Example("which VPN client do we use?", "The VPN client is SecureLink.");

        Assert.Single(new ChatGrounding(Knowledge, "it", new ChatGroundingOptions { TopK = 2, Counterfactuals = 3 }).Apply(example));
    }

    [Fact]
    public void Apply_QuoteContext_AnswerBecomesTheSentenceHoldingItsFacts()
    {
        var example = Example("how long until unused leave expires?", "You can carry 5 days; use them by 31 March.");
        var grounding = new ChatGrounding(Knowledge, "hr", new ChatGroundingOptions { TopK = 2, QuoteContext = true });

        var grounded = grounding.Apply(example).Single();

        Assert.Equal("Up to 5 unused days carry over and must be used by 31 March.", Content(grounded, "assistant"));
        Assert.Equal(1, grounding.Quoted);
    }

    [Fact]
    public void ContextQuote_AnswerSharesOnlyItsFactsWithASentence_IsNotAQuote()
    {
        Passage[] firmware = [new("fw.md#0", "fw.md", "Firmware", "If the update fails twice, email support@nordwave-audio.com with the serial number.")];
        const string DontKnow = "I don't have that information. Please email support@nordwave-audio.com and our team will help you.";

        Assert.Null(ContextQuote.For(DontKnow, AnswerFacts.Of(DontKnow), firmware));
        Assert.NotNull(ContextQuote.For("Email support@nordwave-audio.com with the serial number if the update fails twice.",
            ["support@nordwave-audio.com"], firmware));
    }

    [Fact]
    public void AnswerFacts_AddressesAreFactsVersionsAreNumbers()
    {
        var facts = AnswerFacts.Of("Email support@nordwave-audio.com or open servicedesk.nordwave.com; firmware 2.4.1, e.g. today.");

        Assert.Contains("support@nordwave-audio.com", facts);
        Assert.Contains("servicedesk.nordwave.com", facts);
        Assert.DoesNotContain(facts, f => f.Contains("2.4", StringComparison.Ordinal) && f.Length > 3);
        Assert.DoesNotContain(facts, f => f.StartsWith("e.", StringComparison.Ordinal));
    }

    [Fact]
    public void ContextQuote_FactsNotInTheContext_KeepsTheAnswer()
    {
        string? quote = ContextQuote.For("You get 30 days.", ["30"], Knowledge.Passages);

        Assert.Null(quote);
    }

    [Fact]
    public void ContextQuote_FactsInTwoSentences_QuotesBothInPassageOrder()
    {
        var passage = new Passage("p", "p.md", "Returns", "Returns are free. You have 30 days to return a headset. Refunds take 5 working days.");

        string? quote = ContextQuote.For("Return it within 30 days; the refund takes 5 working days.", ["30", "5"], [passage]);

        Assert.Equal("You have 30 days to return a headset. Refunds take 5 working days.", quote);
    }

    [Theory]
    [InlineData("Use 2.33 days per month, from 1 March, at 10:00.", "2.33|1|10|00")]
    [InlineData("Model X200 costs 1,299 EUR; 40% off.", "1,299|40")]
    public void Numbers_WholeNumbersOnly(string text, string expected) =>
        Assert.Equal(expected.Split('|'), AnswerFacts.Numbers(text));

    [Fact]
    public void Mapping_KeepsShapeAndChangesValue()
    {
        var mapping = CounterfactualNumbers.Mapping(["2.33", "5", "31", "1,299"], new Random(1));

        Assert.All(mapping, kv =>
        {
            Assert.NotEqual(kv.Key, kv.Value);
            Assert.Equal(kv.Key.Length, kv.Value.Length);
            Assert.Equal(kv.Key.Where(c => !char.IsAsciiDigit(c)), kv.Value.Where(c => !char.IsAsciiDigit(c)));
        });
        Assert.Equal("Pay 9.99 now", CounterfactualNumbers.Apply("Pay 2.33 now", new Dictionary<string, string> { ["2.33"] = "9.99", ["2"] = "7" }));
    }

    private static ChatExample Example(string question, string answer) => new(1,
    [
        new ChatTurn("user", question),
        new ChatTurn("assistant", answer),
    ]);

    private static string Content(ChatExample example, string role) =>
        example.Messages.First(m => m.Is(role)).Content!;
}
