using Gateway.Bench.Overhead;
using static Gateway.Bench.Swap.Program;

namespace Gateway.Bench.Swap;

/// <summary>The table: latency of baseline and swap windows (pooled, and per round), ratios, failures, activation times.</summary>
internal static class SwapReport
{
    public static void Print(SwapOptions o, IReadOnlyList<Sample> samples, IReadOnlyList<double> activations)
    {
        var measured = samples.Where(s => s.Window.StartsWith("baseline", StringComparison.Ordinal) || s.Window.StartsWith("swaps", StringComparison.Ordinal)).ToList();
        double[] Ms(string kind) => [.. measured.Where(s => s.Ok && s.Window.StartsWith(kind, StringComparison.Ordinal)).Select(s => s.Ms)];
        var baseline = Ms("baseline");
        var swaps = Ms("swaps");

        Console.WriteLine();
        Console.WriteLine(F($"== {o.Clients} clients, max_tokens {o.MaxTokens}, worker threads {o.Threads}, {o.Rounds} rounds of {o.Window:0.#} s baseline + {o.Window:0.#} s with an activation every ~{o.SwapEvery:0.#} s, {Environment.ProcessorCount} cores =="));
        Console.WriteLine(F($"{"round",-8} {"baseline n",10} {"p50 ms",8} {"p99 ms",8} {"swaps n",8} {"p50 ms",8} {"p99 ms",8} {"p99 ratio",9}"));
        var p50Ratios = new List<double>();
        var p99Ratios = new List<double>();
        for (int round = 1; round <= o.Rounds; round++)
        {
            var b = Ms(F($"baseline-{round}"));
            var s = Ms(F($"swaps-{round}"));
            p50Ratios.Add(Stats.Percentile(s, 0.5) / Stats.Percentile(b, 0.5));
            p99Ratios.Add(Stats.Percentile(s, 0.99) / Stats.Percentile(b, 0.99));
            Console.WriteLine(F($"{round,-8} {b.Length,10} {Stats.Percentile(b, 0.5),8:F1} {Stats.Percentile(b, 0.99),8:F1} {s.Length,8} {Stats.Percentile(s, 0.5),8:F1} {Stats.Percentile(s, 0.99),8:F1} {Stats.Percentile(s, 0.99) / Stats.Percentile(b, 0.99),9:F2}"));
        }

        double p50b = Stats.Percentile(baseline, 0.5), p99b = Stats.Percentile(baseline, 0.99);
        double p50s = Stats.Percentile(swaps, 0.5), p99s = Stats.Percentile(swaps, 0.99);
        var failures = samples.Where(s => !s.Ok).ToList();
        var versions = measured.Where(s => s.Window.StartsWith("swaps", StringComparison.Ordinal)).GroupBy(s => s.Version ?? "none").OrderBy(g => g.Key)
            .Select(g => F($"{g.Key} x{g.Count()}"));

        Console.WriteLine();
        Console.WriteLine(F($"{"measure",-44} {"value",14}  goal"));
        Console.WriteLine(F($"{"p50 baseline / with swaps (ms)",-44} {F($"{p50b:F1} / {p50s:F1}"),14}"));
        Console.WriteLine(F($"{"p99 baseline / with swaps (ms)",-44} {F($"{p99b:F1} / {p99s:F1}"),14}"));
        Console.WriteLine(F($"{"p50 with swaps / baseline (pooled)",-44} {p50s / p50b,14:F2}  <= 2x"));
        Console.WriteLine(F($"{"p99 with swaps / baseline (pooled)",-44} {p99s / p99b,14:F2}  <= 2x"));
        Console.WriteLine(F($"{"p50 ratio, median of rounds (worst)",-44} {F($"{Stats.Median(p50Ratios):F2} ({p50Ratios.Max():F2})"),14}  <= 2x"));
        Console.WriteLine(F($"{"p99 ratio, median of rounds (worst)",-44} {F($"{Stats.Median(p99Ratios):F2} ({p99Ratios.Max():F2})"),14}  <= 2x"));
        Console.WriteLine(F($"{"failed requests (all windows, warmup incl.)",-44} {F($"{failures.Count} of {samples.Count}"),14}  0"));
        Console.WriteLine(F($"{"activations: n, p50 / max ms",-44} {F($"{activations.Count}, {Stats.Percentile(activations, 0.5):F0} / {(activations.Count == 0 ? double.NaN : activations.Max()):F0}"),14}"));
        Console.WriteLine(F($"versions answering in swap windows: {string.Join(", ", versions)}"));
        foreach (var failure in failures.Take(5))
        {
            Console.WriteLine(F($"  failed in {failure.Window} after {failure.Ms:F0} ms: {failure.Error}"));
        }

        Console.WriteLine(F($"RESULT p50_ratio={p50s / p50b:F3}"));
        Console.WriteLine(F($"RESULT p99_ratio={p99s / p99b:F3}"));
        Console.WriteLine(F($"RESULT p99_ratio_round_median={Stats.Median(p99Ratios):F3}"));
        Console.WriteLine(F($"RESULT failures={failures.Count}"));
        Console.WriteLine(F($"RESULT activation_p50_ms={Stats.Percentile(activations, 0.5):F0}"));
    }
}
