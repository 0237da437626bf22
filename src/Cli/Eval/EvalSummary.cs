using System.Globalization;
using System.Text;

namespace Gateway.Cli.Eval;

/// <summary>
/// The means over an eval file: key-fact recall averaged over examples with key facts, perplexity over every
/// reference token (exp of the mean −log p), each grounded (when a knowledge base was given) and ungrounded.
/// </summary>
internal sealed record EvalSummary(int Examples, double? Recall, double? RecallUngrounded, double? Perplexity, double PerplexityUngrounded, double? ContextRecall = null)
{
    public static EvalSummary From(IReadOnlyList<ExampleResult> results)
    {
        var grounded = results.Select(r => r.Grounded).OfType<SettingResult>().ToList();
        return new EvalSummary(
            results.Count,
            grounded.Count > 0 ? MeanRecall(grounded) : null,
            MeanRecall(results.Select(r => r.Ungrounded).ToList()),
            grounded.Count > 0 ? CorpusPerplexity(grounded) : null,
            CorpusPerplexity(results.Select(r => r.Ungrounded).ToList()) ?? double.NaN,
            Mean(grounded.Select(g => g.ContextRecall)));
    }

    public string FormatTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"",-19}{"grounded",10} {"ungrounded",10}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"key-fact recall",-19}{Cell(Recall, "F3")} {Cell(RecallUngrounded, "F3")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"perplexity",-19}{Cell(Perplexity, "F2")} {Cell(PerplexityUngrounded, "F2")}");
        if (ContextRecall is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{"facts in context",-19}{Cell(ContextRecall, "F3")} {Cell(null, "F3")}");
        }

        return text.ToString();
    }

    private static string Cell(double? value, string format) =>
        (value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "-").PadLeft(10);

    private static double? MeanRecall(IReadOnlyList<SettingResult> settings) => Mean(settings.Select(s => s.Recall));

    private static double? Mean(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count > 0 ? present.Average() : null;
    }

    private static double? CorpusPerplexity(IReadOnlyList<SettingResult> settings)
    {
        int tokens = settings.Sum(s => s.ReferenceTokens);
        return tokens > 0 ? Math.Exp(settings.Sum(s => s.Nll) / tokens) : null;
    }
}
