using Gateway.Grounding;

namespace Gateway.Cli.Tests.Knowledge;

public class KnowledgeCommandsTests
{
    [Fact]
    public void Questions_WritesEachAnswerableQuestionWithItsSentence_AndRetrievalUsesThem()
    {
        using var dir = new TempFolder();
        string kb = dir.Combine("kb");
        Directory.CreateDirectory(kb);
        File.WriteAllText(Path.Combine(kb, "leave.md"),
            "## Annual leave\n\nEmployees receive 28 days of paid annual leave. Book it under \"Time off\".\n\n## Payslips\n\nPayslips are published on the 25th of each month.\n");
        string data = dir.Combine("train.jsonl");
        File.WriteAllLines(data,
        [
            """{"messages":[{"role":"user","content":"how much holiday do i get"},{"role":"assistant","content":"You get 28 days of paid annual leave."}]}""",
            """{"messages":[{"role":"user","content":"when do we get paid"},{"role":"assistant","content":"Payslips come out on the 25th of each month."}]}""",
            """{"messages":[{"role":"user","content":"tell me a joke"},{"role":"assistant","content":"I only answer HR questions."}]}""",
        ]);

        var result = GwCli.Run("kb", "questions", "--knowledge", kb, "--data", data);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 of 3 questions", result.Stdout, StringComparison.Ordinal);
        var knowledge = KnowledgeBase.Load(kb);
        Assert.Equal(2, knowledge.Questions);
        Assert.Equal(["how much holiday do i get"], knowledge.Passages[0].Questions);
        Assert.Equal("leave.md#1", new Bm25Index(knowledge).Search("when do we get paid?", 1).Single().Passage.Id);
    }

    [Fact]
    public void Questions_MissingKnowledgeFolder_FailsWithItsName()
    {
        using var dir = new TempFolder();
        string data = dir.Combine("train.jsonl");
        File.WriteAllText(data, """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}""");

        var result = GwCli.Run("kb", "questions", "--knowledge", dir.Combine("nope"), "--data", data);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("nope", result.Stderr, StringComparison.Ordinal);
    }
}
