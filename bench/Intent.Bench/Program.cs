using System.Diagnostics;
using System.Globalization;
using Gateway.Intent.Featurization;
using Gateway.Intent.Scoring;
using Gateway.Intent.Training;
using Gateway.Text.Chat;

// Scoring latency of the intent model, one message at a time on one thread, as the gateway calls it:
// dotnet bench/Intent.Bench/bin/Release/net10.0/Intent.Bench.dll [model dir] [data dir] [messages]
string modelDir = args.Length > 0 ? args[0] : "models/router/v1";
string dataDir = args.Length > 1 ? args[1] : "data/intent";
int messages = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;

var texts = new[] { "train.jsonl", "dev.jsonl", "oos.jsonl" }
    .SelectMany(f => IntentExample.LoadJsonLines(Path.Combine(dataDir, f)))
    .Select(e => e.Text)
    .ToArray();
using var model = IntentModel.Load(modelDir);
var featurizer = new Featurizer(FeaturizerSettings.Load(modelDir));

// Warm-up: JIT tiers and ONNX Runtime's first runs are not what a serving gateway sees.
for (int i = 0; i < 2_000; i++)
{
    model.Score(texts[i % texts.Length]);
}

Console.WriteLine($"model {model.Version}, {texts.Length} distinct texts (mean {texts.Average(t => t.Length):F0} chars), {messages} messages, 1 thread");
Report("featurize", Measure(i => featurizer.Featurize(texts[i % texts.Length])));
Report("score (featurize + ONNX Runtime)", Measure(i => model.Score(texts[i % texts.Length])));
Report("score conversation (short follow-up, 2 runs)", Measure(i =>
    model.Score([ChatTurn.User(texts[i % texts.Length]), ChatTurn.Assistant("ok"), ChatTurn.User("and for my partner?")])));

double[] Measure(Action<int> action)
{
    var micros = new double[messages];
    for (int i = 0; i < messages; i++)
    {
        long start = Stopwatch.GetTimestamp();
        action(i);
        micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    Array.Sort(micros);
    return micros;
}

static void Report(string what, double[] sorted)
{
    double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what,-46} p50 {P(0.50),7:F1} µs  p90 {P(0.90),7:F1} µs  p99 {P(0.99),7:F1} µs  max {sorted[^1],8:F1} µs"));
}
