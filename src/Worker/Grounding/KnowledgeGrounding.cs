using Gateway.Grounding;
using Gateway.Text.Chat;

namespace Gateway.Worker.Grounding;

/// <summary>
/// The department's knowledge base, indexed at start, and how a conversation is grounded in it: the
/// retrieval query and the grounded system message come from <see cref="GroundedPrompt"/>, the same
/// format the trainer teaches, so the served prompt is the trained one.
/// </summary>
public sealed class KnowledgeGrounding(KnowledgeBase knowledge, string department, int defaultTopK, bool enabledByDefault)
{
    private readonly Bm25Index _index = new(knowledge);
    private readonly AssistantIdentity _assistant = knowledge.AssistantFor(department);

    public int PassageCount => _index.Count;
    public int DefaultTopK => defaultTopK;
    public bool EnabledByDefault => enabledByDefault;

    /// <summary>The conversation to render, grounded unless the request (or the default) turns it off; null hits when not grounded.</summary>
    public GroundingResult Ground(IReadOnlyList<ChatTurn> messages, GroundingChoice choice)
    {
        if (!(choice.Enabled ?? enabledByDefault))
        {
            return new GroundingResult(messages, null);
        }

        string query = GroundedPrompt.Query(messages);
        var hits = query.Length == 0 ? [] : _index.Search(query, choice.TopK ?? defaultTopK);
        var grounded = GroundedPrompt.Apply(messages, _assistant, hits.Select(h => h.Passage).ToList());
        return new GroundingResult(grounded, hits);
    }
}

/// <summary>What a request asked for: null fields keep the worker's settings.</summary>
public sealed record GroundingChoice(bool? Enabled, int? TopK)
{
    public static GroundingChoice Default { get; } = new(null, null);
}

/// <summary>The messages to render and, when grounded, the passages used (best first, possibly none).</summary>
public sealed record GroundingResult(
    IReadOnlyList<ChatTurn> Messages, IReadOnlyList<(Passage Passage, double Score)>? Passages);
