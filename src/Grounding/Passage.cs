namespace Gateway.Grounding;

/// <summary>One retrievable piece of a department's knowledge base: a section of a markdown document.</summary>
/// <param name="Id">Stable id, "file#n", reported with answers so a reader can check the source.</param>
/// <param name="Title">The section's heading path, e.g. "Leave policy › Parental leave".</param>
public sealed record Passage(string Id, string Source, string Title, string Text)
{
    /// <summary>Questions this passage is known to answer (from <see cref="KnownQuestions"/>); retrieval matches them too.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];
}
