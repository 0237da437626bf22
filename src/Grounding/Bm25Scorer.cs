namespace Gateway.Grounding;

/// <summary>Okapi BM25 scores of a query against a fixed list of documents, with an inverted index built once.</summary>
internal sealed class Bm25Scorer
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly Dictionary<string, List<(int Document, int Count)>> _postings = new(StringComparer.Ordinal);
    private readonly int[] _lengths;
    private readonly double _averageLength;

    public Bm25Scorer(IEnumerable<string> documents)
    {
        var lengths = new List<int>();
        foreach (string document in documents)
        {
            var terms = Bm25Index.Terms(document).ToList();
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(group.Key, out var list))
                {
                    _postings[group.Key] = list = [];
                }

                list.Add((lengths.Count, group.Count()));
            }

            lengths.Add(terms.Count);
        }

        _lengths = [.. lengths];
        _averageLength = _lengths.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
    }

    /// <summary>The score of every document that shares a term with the query.</summary>
    public Dictionary<int, double> Score(string query)
    {
        var scores = new Dictionary<int, double>();
        foreach (string term in Bm25Index.Terms(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                continue;
            }

            double idf = Math.Log(1 + ((_lengths.Length - postings.Count + 0.5) / (postings.Count + 0.5)));
            foreach (var (document, count) in postings)
            {
                double norm = count * (K1 + 1) / (count + (K1 * (1 - B + (B * _lengths[document] / _averageLength))));
                scores[document] = scores.GetValueOrDefault(document) + (idf * norm);
            }
        }

        return scores;
    }
}
