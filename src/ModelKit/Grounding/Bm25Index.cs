using System.Globalization;
using System.Text;

namespace Gateway.ModelKit.Grounding;

/// <summary>
/// Okapi BM25 over a knowledge base's passages (title and text), built in memory at load. A passage's known
/// questions (<see cref="Passage.Questions"/>) are indexed as documents of their own, and a passage scores its text
/// match plus its best question match: a user's wording is closer to another user's question than to the policy
/// text (document expansion, as in doc2query). Small department knowledge bases (hundreds of passages) are searched
/// in microseconds; no served package offers BM25 for .NET without pulling in a search server, so it is written here.
/// </summary>
public sealed class Bm25Index
{
    private readonly IReadOnlyList<Passage> _passages;
    private readonly Bm25Scorer _text;
    private readonly Bm25Scorer _questions;
    private readonly int[] _questionPassage;

    public Bm25Index(KnowledgeBase knowledge)
    {
        _passages = knowledge.Passages;
        _text = new Bm25Scorer(_passages.Select(p => p.Title + " " + p.Text));
        var questions = _passages.SelectMany((p, i) => p.Questions.Select(q => (Passage: i, Question: q))).ToList();
        _questionPassage = [.. questions.Select(q => q.Passage)];
        _questions = new Bm25Scorer(questions.Select(q => q.Question));
    }

    public int Count => _passages.Count;

    /// <summary>The best passages for a query, best first; ties go to the earlier passage, so results are stable.</summary>
    public IReadOnlyList<(Passage Passage, double Score)> Search(string query, int topK)
    {
        var scores = _text.Score(query);
        var bestQuestion = new Dictionary<int, double>();
        foreach (var (question, score) in _questions.Score(query))
        {
            int passage = _questionPassage[question];
            bestQuestion[passage] = Math.Max(bestQuestion.GetValueOrDefault(passage), score);
        }

        foreach (var (passage, score) in bestQuestion)
        {
            scores[passage] = scores.GetValueOrDefault(passage) + score;
        }

        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(topK)
            .Select(s => (_passages[s.Key], s.Value)).ToList();
    }

    /// <summary>Lower-cased letter/digit runs without common English stop words; a trailing "s" is folded for plurals.</summary>
    public static IEnumerable<string> Terms(string text)
    {
        var word = new StringBuilder();
        foreach (char c in text + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                continue;
            }

            if (word.Length > 0)
            {
                string term = word.ToString();
                word.Clear();
                if (!StopWords.Contains(term))
                {
                    yield return term.Length > 3 && term.EndsWith('s') && !term.EndsWith("ss", StringComparison.Ordinal) ? term[..^1] : term;
                }
            }
        }
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in",
        "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "there", "this", "to", "was",
        "we", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your",
    };
}
