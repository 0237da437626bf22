using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Grounding;

/// <summary>
/// A knowledge base's known questions: <c>questions.jsonl</c> beside the markdown, one
/// <c>{"question": "...", "quote": "..."}</c> per line, where the quote is a sentence of the knowledge base that
/// answers the question. Each question is attached to every passage whose text holds its quote (or, for a quote of
/// two sentences from two passages, one of its sentences), so the file survives re-splitting the markdown; a quote no
/// passage holds any more (the text was edited) is counted, not fatal.
/// <c>gw kb questions</c> writes the file from a department's training data.
/// </summary>
public static class KnownQuestions
{
    public const string FileName = "questions.jsonl";

    /// <summary>The passages with their questions attached, and how many quotes no passage holds.</summary>
    public static (IReadOnlyList<Passage> Passages, int Unmatched) Attach(IReadOnlyList<Passage> passages, string path)
    {
        var questions = passages.Select(_ => new List<string>()).ToList();
        var texts = passages.Select(p => KeyText(p.Text)).ToList();
        int unmatched = 0, line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var (question, quote) = Parse(text, path, line);
            // A quote of two sentences can span two passages: then each passage holding one of them answers in part.
            string key = KeyText(quote);
            var holders = Enumerable.Range(0, passages.Count).Where(i => texts[i].Contains(key, StringComparison.Ordinal)).ToList();
            if (holders.Count == 0)
            {
                var sentences = ContextQuote.Sentences(quote).Select(KeyText).ToList();
                holders = [.. Enumerable.Range(0, passages.Count).Where(i => sentences.Any(s => texts[i].Contains(s, StringComparison.Ordinal)))];
            }

            unmatched += holders.Count == 0 ? 1 : 0;
            holders.ForEach(i => questions[i].Add(question));
        }

        return ([.. passages.Select((p, i) => questions[i].Count == 0 ? p : p with { Questions = questions[i] })], unmatched);
    }

    /// <summary>One line of the file as JSON.</summary>
    public static string Line(string question, string quote) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["question"] = question, ["quote"] = quote }, LineOptions);

    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static (string Question, string Quote) Parse(string text, string path, int line)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            string? question = json.RootElement.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String ? q.GetString() : null;
            string? quote = json.RootElement.TryGetProperty("quote", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.IsNullOrWhiteSpace(question) || string.IsNullOrWhiteSpace(quote))
            {
                throw new InvalidDataException($"{path} line {line}: needs string fields \"question\" and \"quote\"");
            }

            return (question, quote);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} line {line}: not valid JSON ({e.Message})", e);
        }
    }

    /// <summary>Whitespace-insensitive text to match quotes against passages (passages join lines with newlines).</summary>
    private static string KeyText(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
