namespace Gateway.Grounding.Tests;

public class AssistantIdentityTests
{
    /// <summary>The embedded models were trained with these exact words; the knowledge bases must keep giving them.</summary>
    [Theory]
    [InlineData("hr", "You are the Nordwave HR assistant.")]
    [InlineData("it", "You are the Nordwave IT helpdesk assistant.")]
    [InlineData("support", "You are the Nordwave customer support assistant.")]
    public void SystemText_RepositoryKnowledgeBases_OpenWithTheWordsTheModelsWereTrainedWith(string department, string opening)
    {
        var knowledge = KnowledgeBase.Load(RepositoryRoot.Combine("data", department, "kb"), RetrievalUnit.Sentence);

        string system = GroundedPrompt.SystemText(knowledge.AssistantFor(department), []);

        Assert.StartsWith(opening + " Answer briefly and only from the context", system, StringComparison.Ordinal);
    }

    [Fact]
    public void AssistantFor_FolderWithoutAssistantFile_UsesTheDepartmentsOwnName()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("faq.md"), "# FAQ\n\nThe canteen opens at 8.\n");

        var assistant = KnowledgeBase.Load(dir.Path).AssistantFor("facilities");

        Assert.Equal("the facilities assistant", assistant.Title);
    }

    [Fact]
    public void Load_AssistantFileWithoutDepartment_IsRefusedNamingTheFileAndField()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("faq.md"), "# FAQ\n\nThe canteen opens at 8.\n");
        File.WriteAllText(dir.Combine(AssistantIdentity.FileName), "{\"company\": \"Acme\"}");

        var e = Assert.Throws<InvalidDataException>(() => KnowledgeBase.Load(dir.Path));

        Assert.Contains("assistant.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("'department'", e.Message, StringComparison.Ordinal);
    }
}
