using System.Globalization;
using System.Text;

namespace Gateway.ModelKit.Grounding;

/// <summary>
/// Okapi BM25 over a knowledge base's passages (title and text), built in memory at load. Small
/// department knowledge bases (hundreds of passages) are searched in microseconds; no served package
/// offers BM25 for .NET without pulling in a search server, so it is written here.
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly IReadOnlyList<Passage> _passages;
    private readonly Dictionary<string, List<(int Passage, int Count)>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;

    public Bm25Index(KnowledgeBase knowledge)
    {
        _passages = knowledge.Passages;
        _lengths = new int[_passages.Count];
        for (int i = 0; i < _passages.Count; i++)
        {
            var terms = Terms(_passages[i].Title + " " + _passages[i].Text).ToList();
            _lengths[i] = terms.Count;
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(group.Key, out var list))
                {
                    _postings[group.Key] = list = [];
                }

                list.Add((i, group.Count()));
            }
        }

        _averageLength = _lengths.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    public int Count => _passages.Count;

    /// <summary>The best passages for a query, best first; ties go to the earlier passage, so results are stable.</summary>
    public IReadOnlyList<(Passage Passage, double Score)> Search(string query, int topK)
    {
        var scores = new Dictionary<int, double>();
        foreach (string term in Terms(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                continue;
            }

            double idf = Math.Log(1 + ((_passages.Count - postings.Count + 0.5) / (postings.Count + 0.5)));
            foreach (var (passage, count) in postings)
            {
                double norm = count * (K1 + 1) / (count + (K1 * (1 - B + (B * _lengths[passage] / _averageLength))));
                scores[passage] = scores.GetValueOrDefault(passage) + (idf * norm);
            }
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
