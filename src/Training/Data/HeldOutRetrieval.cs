using Gateway.Grounding;

namespace Gateway.Training.Data;

/// <summary>
/// Retrieval for training examples whose questions are also the knowledge base's known questions (<c>gw kb
/// questions</c> writes them from the training data). Searched with all of them, an example finds its own question
/// and its answer's passage ranks first every time: the model learns to copy the first passage, while a served
/// question, new to the index, gets the answering passage first only most of the time. So the known questions are
/// split into folds by their text, and an example is searched in an index built without its fold: the ranking it
/// trains on is the ranking a new question gets, and the model learns to choose among the passages.
/// </summary>
public sealed class HeldOutRetrieval
{
    /// <summary>Folds of known questions; each index lacks one fold (a tenth of the questions, the example's own among them).</summary>
    public const int Folds = 10;

    private readonly Bm25Index[] _indexes;

    public HeldOutRetrieval(KnowledgeBase knowledge) =>
        _indexes = [.. Enumerable.Range(0, Folds).Select(fold => new Bm25Index(KnowledgeBase.FromPassages(
            knowledge.Passages.Select(p => p with { Questions = [.. p.Questions.Where(q => Fold(q) != fold)] })))) ];

    /// <summary>The index that does not hold <paramref name="question"/> (nor the rest of its fold).</summary>
    public Bm25Index For(string question) => _indexes[Fold(question)];

    /// <summary>A question's fold: a stable hash (FNV-1a) of its lower-cased words, the same in every run.</summary>
    public static int Fold(string question)
    {
        uint hash = 2166136261;
        foreach (char c in string.Join(' ', question.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % Folds);
    }
}
