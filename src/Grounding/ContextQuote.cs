using System.Text.RegularExpressions;

namespace Gateway.Grounding;

/// <summary>
/// Turns a free-form answer into a quote of its context: the sentence (or two) of the retrieved passages that
/// holds the answer's facts, word for word. Every token of such an answer can be copied from the prompt, so a
/// small model gets a dense, consistent signal to learn copying, the skill grounded answering rests on; answers
/// whose facts the passages do not hold are left as written.
/// </summary>
public static partial class ContextQuote
{
    /// <summary>A sentence that shares fewer of the answer's words than this is not taken as its quote.</summary>
    private const double MinWordOverlap = 0.3;

    /// <summary>The quote for <paramref name="answer"/> from <paramref name="passages"/>, or null when none holds all its facts.</summary>
    public static string? For(string answer, IReadOnlyList<string> facts, IEnumerable<Passage> passages)
    {
        // The answer's own words, not only its facts, must come from the sentence: "I don't know, email support@…"
        // holds the same address as a sentence about failed updates, but it does not quote it.
        var allWords = Bm25Index.Terms(answer).ToHashSet(StringComparer.Ordinal);
        var words = allWords.Except(facts.SelectMany(Bm25Index.Terms), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            words = allWords;
        }

        var sentences = passages.SelectMany(p => Sentences(p.Text)).ToList();
        if (sentences.Count == 0 || words.Count == 0)
        {
            return null;
        }

        double Overlap(string s) => Bm25Index.Terms(s).Distinct(StringComparer.Ordinal).Count(words.Contains) / (double)words.Count;
        var ranked = sentences.Select((s, i) => (Text: s, Index: i, Facts: AnswerFacts.CountIn(s, facts), Overlap: Overlap(s)))
            .OrderByDescending(s => s.Facts).ThenByDescending(s => s.Overlap).ThenBy(s => s.Index).ToList();
        var best = ranked[0];
        if (best.Facts == facts.Count)
        {
            return best.Overlap >= MinWordOverlap ? best.Text : null;
        }

        // Two sentences together (in passage order) when no single one holds every fact.
        var rest = facts.Where(f => !AnswerFacts.Holds(best.Text, f)).ToList();
        var second = ranked.Skip(1).FirstOrDefault(s => rest.All(f => AnswerFacts.Holds(s.Text, f)));
        if (second.Text is null || best.Overlap + second.Overlap < MinWordOverlap)
        {
            return null;
        }

        return best.Index < second.Index ? best.Text + " " + second.Text : second.Text + " " + best.Text;
    }

    /// <summary>A passage's sentences: split after ., ! or ? before a space, and at line breaks (list items).</summary>
    public static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim().TrimStart('-', '*', ' ')).Where(s => s.Length > 0);

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceEnd();
}
