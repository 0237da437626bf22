using Gateway.Grounding;
using Gateway.Text.Chat;
using Gateway.Training.Data;

namespace Gateway.Training.Tests.Data;

public class HeldOutRetrievalTests
{
    private const string OwnQuestion = "where can I leave my bicycle";

    // The answering sentence shares no word with the question; only its known question does.
    private static readonly KnowledgeBase Knowledge = KnowledgeBase.FromPassages(
    [
        new Passage("office.md#0.0", "office.md", "Office", "Racks for bikes are in courtyard 2 behind building B."),
        new Passage("office.md#0.1", "office.md", "Office", "Leave requests go through PeoplePoint.") { Questions = [] },
    ]).WithQuestion(0, OwnQuestion);

    [Fact]
    public void For_TheExamplesOwnQuestion_IsNotInItsIndex()
    {
        string top = new Bm25Index(Knowledge).Search(OwnQuestion, 1).Single().Passage.Id;
        var heldOut = new HeldOutRetrieval(Knowledge).For(OwnQuestion).Search(OwnQuestion, 2);

        Assert.Equal("office.md#0.0", top);
        Assert.Equal(["office.md#0.1"], heldOut.Select(h => h.Passage.Id));
    }

    [Fact]
    public void Fold_IsStableAndIgnoresCaseAndSpacing()
    {
        Assert.Equal(HeldOutRetrieval.Fold("Where can I  leave my bicycle"), HeldOutRetrieval.Fold(OwnQuestion));
        Assert.InRange(HeldOutRetrieval.Fold(OwnQuestion), 0, HeldOutRetrieval.Folds - 1);
        Assert.True(Enumerable.Range(0, 200).Select(i => HeldOutRetrieval.Fold($"question {i}")).Distinct().Count() == HeldOutRetrieval.Folds);
    }

    [Fact]
    public void Apply_HoldOutOwnQuestion_TheAnswersSentenceIsStillInTheContext()
    {
        var example = new ChatExample(1,
        [
            new ChatTurn("user", OwnQuestion),
            new ChatTurn("assistant", "Racks for bikes are in courtyard 2 behind building B."),
        ]);
        var grounding = new ChatGrounding(Knowledge, "hr", new ChatGroundingOptions { TopK = 1, HoldOutOwnQuestion = true });

        string system = grounding.Apply(example).Single().Messages[0].Content ?? "";

        // Retrieval without the own question finds the leave sentence; the gold-passage swap puts the answer's back.
        Assert.Contains("courtyard 2 behind building B", system, StringComparison.Ordinal);
    }
}

internal static class KnowledgeTestExtensions
{
    public static KnowledgeBase WithQuestion(this KnowledgeBase knowledge, int passage, string question) =>
        KnowledgeBase.FromPassages(knowledge.Passages.Select((p, i) => i == passage ? p with { Questions = [question] } : p));
}
