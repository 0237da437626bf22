using Gateway.ModelKit.Grounding;

namespace Gateway.Training.Data;

/// <summary>
/// Adds retrieved knowledge-base passages to a conversation exactly as the worker does at serving time:
/// BM25 over the department's knowledge folder, queried with <see cref="GroundedPrompt.Query"/>, applied
/// with <see cref="GroundedPrompt.Apply"/>.
/// </summary>
public sealed class ChatGrounding(KnowledgeBase knowledge, string department, int topK)
{
    private readonly Bm25Index _index = new(knowledge);

    public static ChatGrounding Load(string knowledgeDirectory, string department, int topK) =>
        new(KnowledgeBase.Load(knowledgeDirectory), department, topK);

    public ChatExample Apply(ChatExample example)
    {
        var passages = _index.Search(GroundedPrompt.Query(example.Messages), topK).Select(p => p.Passage).ToList();
        return example with { Messages = GroundedPrompt.Apply(example.Messages, department, passages) };
    }
}
