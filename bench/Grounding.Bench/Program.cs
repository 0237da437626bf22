using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gateway.Grounding;

// Retrieval cost per request, with the known questions (kb/questions.jsonl) against the same knowledge base's text
// alone, in one process: the worker runs one search per grounded request. Queries are a department's eval questions.
// Usage: Grounding.Bench [--data data] [--unit sentence|section] [--top-k 3] [--rounds 5] [--repeat 20]
string data = Arg("--data", "data");
var unit = RetrievalUnits.Parse(Arg("--unit", "sentence")) ?? throw new ArgumentException("--unit must be section or sentence");
int topK = int.Parse(Arg("--top-k", "3"), CultureInfo.InvariantCulture);
int rounds = int.Parse(Arg("--rounds", "5"), CultureInfo.InvariantCulture);
int repeat = int.Parse(Arg("--repeat", "20"), CultureInfo.InvariantCulture);

Console.WriteLine($"unit {unit.Name()}, top {topK}");
Console.WriteLine("department  passages  questions  µs/query text only  µs/query with questions  ratio");
foreach (string department in new[] { "hr", "it", "support" })
{
    string folder = Path.Combine(data, department, "kb");
    var load = Stopwatch.StartNew();
    var withQuestions = KnowledgeBase.Load(folder, unit);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{department}: knowledge base with known questions loaded in {load.Elapsed.TotalMilliseconds:F0} ms (first load, JIT included)"));
    var textOnly = KnowledgeBase.FromPassages(withQuestions.Passages.Select(p => p with { Questions = [] }));
    var queries = File.ReadLines(Path.Combine(data, department, "eval.jsonl"))
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!)
        .ToList();
    var plain = new Bm25Index(textOnly);
    var expanded = new Bm25Index(withQuestions);

    // Alternate the two indexes per round and keep the medians, so machine noise hits both alike.
    var a = new List<double>();
    var b = new List<double>();
    Measure(plain, queries, topK, 2);
    Measure(expanded, queries, topK, 2);
    for (int r = 0; r < rounds; r++)
    {
        a.Add(Measure(plain, queries, topK, repeat));
        b.Add(Measure(expanded, queries, topK, repeat));
    }

    double ma = Median(a), mb = Median(b);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{department,-11} {withQuestions.Passages.Count,8} {withQuestions.Questions,10} {ma,20:F1} {mb,24:F1} {mb / ma,6:F2}"));
}

static double Measure(Bm25Index index, List<string> queries, int topK, int repeat)
{
    int hits = 0;
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < repeat; i++)
    {
        foreach (string query in queries)
        {
            hits += index.Search(query, topK).Count;
        }
    }

    GC.KeepAlive(hits);
    return clock.Elapsed.TotalMicroseconds / (repeat * queries.Count);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

string Arg(string name, string fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
