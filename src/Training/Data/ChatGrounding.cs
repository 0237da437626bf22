using Gateway.Grounding;
using Gateway.Text.Chat;

namespace Gateway.Training.Data;

/// <summary>
/// Adds retrieved knowledge-base passages to a conversation as the worker does at serving time (BM25 over the
/// department's knowledge folder, queried with <see cref="GroundedPrompt.Query"/>, applied with
/// <see cref="GroundedPrompt.Apply"/>), with two changes that teach the model to answer from its context:
/// <list type="bullet">
/// <item>When retrieval misses the passage that holds the answer's facts (its numbers and quoted names), that
/// passage replaces the last one retrieved, so no example rewards answering from memory alone.</item>
/// <item>Optionally, answers quoted from their context, retrieval without the example's own known question, and extra
/// copies with the answer's numbers changed consistently in context and answer (<see cref="ChatGroundingOptions"/>).</item>
/// </list>
/// </summary>
public sealed class ChatGrounding(KnowledgeBase knowledge, string department, ChatGroundingOptions options)
{
    /// <summary>Candidates searched (with the answer in the query) for the passage that holds the answer's facts.</summary>
    private const int AnswerSearchDepth = 8;

    private readonly Bm25Index _index = new(knowledge);
    private readonly AssistantIdentity _assistant = knowledge.AssistantFor(department);
    private readonly HeldOutRetrieval? _heldOut = options.HoldOutOwnQuestion ? new(knowledge) : null;

    /// <summary>How many answers so far were replaced by a quote of their context.</summary>
    public int Quoted { get; private set; }

    public static ChatGrounding Load(string knowledgeDirectory, RetrievalUnit unit, string department, ChatGroundingOptions options) =>
        new(KnowledgeBase.Load(knowledgeDirectory, unit), department, options);

    /// <summary>The grounded example, followed by its counterfactual copies (none when its answer takes no number from the context).</summary>
    public IReadOnlyList<ChatExample> Apply(ChatExample example)
    {
        string answer = AnswerText(example);
        var facts = AnswerFacts.Of(answer);
        var passages = Retrieve(example, answer, facts);
        if (options.QuoteContext && example.Messages.Count(IsAssistant) == 1 && ContextQuote.For(answer, facts, passages) is { } quoted)
        {
            example = example with { Messages = [.. example.Messages.Select(m => IsAssistant(m) ? WithContent(m, _ => quoted) : m)] };
            answer = quoted;
            Quoted++;
        }

        var grounded = example with { Messages = GroundedPrompt.Apply(example.Messages, _assistant, passages) };
        var shared = CounterfactualNumbers.Shared(answer, string.Join("\n", passages.Select(p => p.Text)));
        if (options.Counterfactuals == 0 || shared.Count == 0)
        {
            return [grounded];
        }

        var random = new Random((int)((((long)options.Seed * 1_000_003) + example.Line) & int.MaxValue));
        var result = new List<ChatExample>(options.Counterfactuals + 1) { grounded };
        for (int i = 0; i < options.Counterfactuals; i++)
        {
            var mapping = CounterfactualNumbers.Mapping(shared, random);
            result.Add(grounded with { Messages = [.. grounded.Messages.Select(m => WithContent(m, text => CounterfactualNumbers.Apply(text, mapping)))] });
        }

        return result;
    }

    private List<Passage> Retrieve(ChatExample example, string answer, IReadOnlyList<string> facts)
    {
        string query = GroundedPrompt.Query(example.Messages);
        var index = _heldOut?.For(query) ?? _index;
        var passages = index.Search(query, options.TopK).Select(h => h.Passage).ToList();
        if (facts.Count == 0 || passages.Count == 0)
        {
            return passages;
        }

        int covered = passages.Max(p => Covered(p, facts));
        var best = index.Search(query + " " + answer, AnswerSearchDepth)
            .Select(h => h.Passage).MaxBy(p => Covered(p, facts));
        if (best is not null && Covered(best, facts) > covered && !passages.Contains(best))
        {
            passages[^1] = best;
        }

        return passages;
    }

    private static int Covered(Passage passage, IReadOnlyList<string> facts) => AnswerFacts.CountIn(passage.Text, facts);

    private static string AnswerText(ChatExample example) =>
        string.Join("\n", example.Messages.Where(IsAssistant).Select(m => m.Content ?? ""));

    private static bool IsAssistant(ChatTurn message) => message.Is(ChatRoles.Assistant);

    /// <summary>The message with its text content mapped (other fields as they are).</summary>
    private static ChatTurn WithContent(ChatTurn message, Func<string, string> map) =>
        message.Content is { } text ? message with { Content = map(text) } : message;
}
