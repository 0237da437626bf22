using System.Diagnostics;
using System.Globalization;
using Gateway.Inference;
using Gateway.Inference.Models;

namespace Gateway.Bench.Engine;

internal static class Program
{
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var options = BenchOptions.Parse(args);
        if (options.BuildModel is { } target)
        {
            BenchPackage.Build(Path.GetFullPath(target));
            return 0;
        }

        string model = options.Model ?? Path.GetFullPath(Path.Combine("bench", "artifacts", "model-small"));
        if (options.Model is null && !File.Exists(Path.Combine(model, "genai_config.json")))
        {
            BenchPackage.Build(model);
        }

        return new Benchmark(options, model).Run();
    }
}

/// <summary>Runs sections a-e in one process, interleaving raw loop and engine so drift hits both alike.</summary>
internal sealed class Benchmark(BenchOptions o, string model)
{
    private readonly List<string> _results = [];

    public int Run()
    {
        Console.WriteLine($"Engine.Bench  model={model}  threads(intra-op)={o.Threads} for raw loop and engine  rounds={o.Rounds}{(o.Quick ? "  QUICK" : "")}");
        Console.WriteLine($"  machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        using var raw = new RawGreedyLoop(model, o.Threads);
        using var engine = InferenceEngine.Load(new EngineOptions
        {
            ModelDirectory = model, MaxBatchSize = 8, IntraOpThreads = o.Threads, MaxQueuedRequests = 64,
        });
        int vocab = raw.VocabSize;
        var prompt = Prompt(o.PromptLength, 0, vocab);
        if (o.SpinCheck)
        {
            SpinCheck(raw, prompt);
            _results.ForEach(Console.WriteLine);
            return 0;
        }

        // Warm-up: JIT, ORT arenas, the engine's buffers at every batch size used below.
        raw.Generate(prompt, 8);
        EngineRuns.Single(engine, prompt, 8);
        EngineRuns.Concurrent(engine, [.. Enumerable.Range(0, 8).Select(s => Prompt(o.PromptLength, s, vocab))], 8);

        bool match = SingleStream(raw, engine, prompt);
        Concurrency(engine, vocab);
        RawBatchCeiling(raw, vocab);
        StepTimes(raw, engine, vocab);
        Allocations(raw, engine, vocab);

        Console.WriteLine();
        Console.WriteLine("== summary ==");
        foreach (string line in _results)
        {
            Console.WriteLine(line);
        }

        return match ? 0 : 2;
    }

    private bool SingleStream(RawGreedyLoop raw, InferenceEngine engine, int[] prompt)
    {
        int n = o.NewTokens;
        var rawTps = new List<double>();
        var engineTps = new List<double>();
        var rawItl = new List<double>();
        var engineItl = new List<double>();
        var pairRatios = new List<double>();
        int[]? rawTokens = null, engineTokens = null;
        for (int round = 0; round < o.Pairs; round++)
        {
            // Alternate who goes first each round.
            for (int turn = 0; turn < 2; turn++)
            {
                if ((turn + round) % 2 == 0)
                {
                    var stamps = new long[n];
                    long start = Stopwatch.GetTimestamp();
                    rawTokens = raw.Generate(prompt, n, stamps);
                    rawTps.Add(n / Stopwatch.GetElapsedTime(start).TotalSeconds);
                    rawItl.Add(Stopwatch.GetElapsedTime(stamps[0], stamps[^1]).TotalMilliseconds / (n - 1));
                }
                else
                {
                    var result = EngineRuns.Single(engine, prompt, n);
                    engineTokens = result.Tokens;
                    engineTps.Add(n / Stopwatch.GetElapsedTime(result.Started, result.Stamps[^1]).TotalSeconds);
                    engineItl.Add(result.InterTokenMs);
                }
            }

            pairRatios.Add(engineTps[^1] / rawTps[^1]);
        }

        double r = Stats.Median(rawTps), e = Stats.Median(engineTps);
        Console.WriteLine();
        Console.WriteLine($"== a/b. single stream: prompt {o.PromptLength}, {n} new tokens, greedy, EOS ignored, batch 1 ({o.Pairs} back-to-back raw/engine pairs, order alternating; medians) ==");
        Console.WriteLine($"{"",-22}{"tokens/s",12}{"ms/token (decode)",20}   per-round tokens/s");
        Console.WriteLine($"{"raw ORT loop",-22}{r,12:F1}{Stats.Median(rawItl),20:F3}   {Join(rawTps)}");
        Console.WriteLine($"{"engine",-22}{e,12:F1}{Stats.Median(engineItl),20:F3}   {Join(engineTps)}");
        double paired = Stats.Median(pairRatios);
        Console.WriteLine($"engine/raw = {paired:F3}x median of per-pair ratios [{string.Join(' ', pairRatios.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))}]; ratio of medians {e / r:F3}x  (goal >= 0.95x)");
        bool match = rawTokens!.SequenceEqual(engineTokens!);
        Console.WriteLine(match
            ? $"token ids: raw loop and engine IDENTICAL ({n} ids; first 12: {string.Join(' ', rawTokens!.Take(12))})"
            : $"token ids: raw loop and engine DIFFER at index {FirstDifference(rawTokens!, engineTokens!)}");
        if (o.IdsOut is { } path)
        {
            File.WriteAllText(path, string.Join(' ', prompt) + "\n" + string.Join(' ', engineTokens!) + "\n");
        }

        Result("raw_tps", r);
        Result("engine_tps", e);
        Result("engine_vs_raw", paired);
        Result("raw_decode_ms", Stats.Median(rawItl));
        Result("engine_decode_ms", Stats.Median(engineItl));
        _results.Add($"RESULT ids_match_raw_engine={(match ? "yes" : "no")}");
        return match;
    }

    private void Concurrency(InferenceEngine engine, int vocab)
    {
        int n = o.NewTokens;
        var perLevel = o.Concurrency.ToDictionary(c => c, _ => new List<double>());
        var itl = o.Concurrency.ToDictionary(c => c, _ => new List<double>());
        var peaks = o.Concurrency.ToDictionary(c => c, _ => 0);
        var ratios = new List<double>();
        for (int round = 0; round < o.Rounds; round++)
        {
            var order = round % 2 == 0 ? o.Concurrency : o.Concurrency.Reverse().ToArray();
            foreach (int c in order)
            {
                var prompts = Enumerable.Range(0, c).Select(s => Prompt(o.PromptLength, 100 + s, vocab)).ToList();
                var (streams, seconds) = EngineRuns.Concurrent(engine, prompts, n);
                perLevel[c].Add(c * n / seconds);
                itl[c].Add(Stats.Median(streams.Select(s => s.InterTokenMs)));
                peaks[c] = Math.Max(peaks[c], engine.PeakActiveSequences);
            }

            ratios.Add(perLevel[o.Concurrency[^1]][^1] / perLevel[1][^1]);
        }

        Console.WriteLine();
        Console.WriteLine($"== c. aggregate throughput: N streams started together, prompt {o.PromptLength} each (different prompts), {n} new tokens each (median of {o.Rounds}) ==");
        Console.WriteLine($"{"streams",-10}{"tokens/s",12}{"vs 1 stream",14}{"ms/step",12}   per-round tokens/s");
        double one = Stats.Median(perLevel[1]);
        foreach (int c in o.Concurrency)
        {
            double t = Stats.Median(perLevel[c]);
            Console.WriteLine($"{c,-10}{t,12:F1}{t / one,13:F2}x{Stats.Median(itl[c]),12:F3}   {Join(perLevel[c])}");
            Result($"streams{c}_tps", t);
        }

        double eight = Stats.Median(perLevel[o.Concurrency[^1]]);
        double pairedScale = Stats.Median(ratios);
        Console.WriteLine($"{o.Concurrency[^1]} vs 1 streams = {pairedScale:F2}x median of per-round ratios [{Join2(ratios)}]; ratio of medians {eight / one:F2}x  (goal >= 4x); engine peak batch seen: {engine.PeakActiveSequences}");
        Result("streams8_vs_1", pairedScale);
    }

    /// <summary>The graph's own batching ceiling: the raw loop with a static batch of equal-length prompts, batch 8 vs batch 1.</summary>
    private void RawBatchCeiling(RawGreedyLoop raw, int vocab)
    {
        int n = o.NewTokens, b = o.Concurrency[^1];
        var one = new List<double>();
        var many = new List<double>();
        var ratios = new List<double>();
        var prompts = Enumerable.Range(0, b).Select(s => Prompt(o.PromptLength, 100 + s, vocab)).ToArray();
        for (int round = 0; round < o.Rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            raw.Generate([prompts[0]], n);
            one.Add(n / Stopwatch.GetElapsedTime(start).TotalSeconds);
            start = Stopwatch.GetTimestamp();
            raw.Generate(prompts, n);
            many.Add(b * n / Stopwatch.GetElapsedTime(start).TotalSeconds);
            ratios.Add(many[^1] / one[^1]);
        }

        double r1 = Stats.Median(one), rb = Stats.Median(many);
        Console.WriteLine($"reference, raw ORT loop with a static batch (no scheduler, no padding): batch 1 {r1:F1} tokens/s, batch {b} {rb:F1} tokens/s = {Stats.Median(ratios):F2}x median of per-round ratios [{Join2(ratios)}] (the graph's own ceiling on this machine)");
        Result($"raw_batch{b}_tps", rb);
        Result($"raw_batch{b}_vs_1", Stats.Median(ratios));
    }

    private void StepTimes(RawGreedyLoop raw, InferenceEngine engine, int vocab)
    {
        int g = o.StepTokens;
        var rawMs = o.Contexts.ToDictionary(c => c, _ => new List<double>());
        var engineMs = o.Contexts.ToDictionary(c => c, _ => new List<double>());
        var engineRatios = new List<double>();
        var rawRatios = new List<double>();
        var ttft = o.Contexts.ToDictionary(c => c, _ => new List<double>());
        for (int round = 0; round < o.Pairs; round++)
        {
            foreach (int context in o.Contexts)
            {
                var prompt = Prompt(context, 7, vocab);
                var stamps = new long[g];
                raw.Generate(prompt, g, stamps);
                rawMs[context].Add(Stopwatch.GetElapsedTime(stamps[0], stamps[^1]).TotalMilliseconds / (g - 1));
                var result = EngineRuns.Single(engine, prompt, g);
                engineMs[context].Add(result.InterTokenMs);
                ttft[context].Add(Stopwatch.GetElapsedTime(result.Started, result.Stamps[0]).TotalMilliseconds);
            }

            engineRatios.Add(engineMs[o.Contexts[^1]][^1] / engineMs[o.Contexts[0]][^1]);
            rawRatios.Add(rawMs[o.Contexts[^1]][^1] / rawMs[o.Contexts[0]][^1]);
        }

        Console.WriteLine();
        Console.WriteLine($"== d. decode step time by context: prompt of that length, {g} new tokens, time between first and last token / {g - 1} (prefill excluded; median of {o.Pairs}) ==");
        Console.WriteLine($"{"context",-10}{"raw ms/token",14}{"engine ms/token",17}{"engine/raw",12}{"engine TTFT ms",16}");
        foreach (int context in o.Contexts)
        {
            double r = Stats.Median(rawMs[context]), e = Stats.Median(engineMs[context]);
            Console.WriteLine($"{context,-10}{r,14:F3}{e,17:F3}{r / e,11:F3}x{Stats.Median(ttft[context]),16:F1}");
            Result($"engine_ttft_ms_ctx{context}", Stats.Median(ttft[context]));
            Result($"raw_step_ms_ctx{context}", r);
            Result($"engine_step_ms_ctx{context}", e);
        }

        int first = o.Contexts[0], last = o.Contexts[^1];
        double engineRatio = Stats.Median(engineRatios);
        double rawRatio = Stats.Median(rawRatios);
        Console.WriteLine($"step time {last} vs {first}: engine {engineRatio:F2}x, raw loop {rawRatio:F2}x  (medians of per-round ratios [{Join2(engineRatios)}]; goal <= 1.5x; 'engine/raw' column is raw time / engine time, i.e. >1 means engine faster)");
        Result($"engine_step_{last}_vs_{first}", engineRatio);
        Result($"raw_step_{last}_vs_{first}", rawRatio);
    }

    private void Allocations(RawGreedyLoop raw, InferenceEngine engine, int vocab)
    {
        int n = o.AllocTokens;
        var prompt = Prompt(o.PromptLength, 3, vocab);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        EngineRuns.Single(engine, prompt, n);
        double engineBytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)n;
        before = GC.GetTotalAllocatedBytes(precise: true);
        raw.Generate(prompt, n);
        double rawBytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)n;
        Console.WriteLine();
        Console.WriteLine($"== e. managed allocations per generated token (process-wide GC.GetTotalAllocatedBytes delta over {n} tokens, single stream) ==");
        Console.WriteLine($"engine: {engineBytes:F0} B/token   raw loop: {rawBytes:F0} B/token  (informational)");
        Result("engine_alloc_bytes_per_token", engineBytes);
        Result("raw_alloc_bytes_per_token", rawBytes);
    }

    /// <summary>Diagnostic: the raw loop with ORT's intra-op spinning on (default, as the engine) vs off, back-to-back pairs.</summary>
    private void SpinCheck(RawGreedyLoop spinning, int[] prompt)
    {
        using var quiet = new RawGreedyLoop(model, o.Threads, allowSpinning: false);
        int n = o.NewTokens;
        spinning.Generate(prompt, 8);
        quiet.Generate(prompt, 8);
        var ratios = new List<double>();
        for (int pair = 0; pair < o.Pairs; pair++)
        {
            var first = pair % 2 == 0 ? spinning : quiet;
            var second = pair % 2 == 0 ? quiet : spinning;
            long start = Stopwatch.GetTimestamp();
            first.Generate(prompt, n);
            double a = n / Stopwatch.GetElapsedTime(start).TotalSeconds;
            start = Stopwatch.GetTimestamp();
            second.Generate(prompt, n);
            double b = n / Stopwatch.GetElapsedTime(start).TotalSeconds;
            ratios.Add(pair % 2 == 0 ? b / a : a / b);
        }

        Console.WriteLine($"spin check: raw loop tokens/s with allow_spinning=0 / default = {Stats.Median(ratios):F3}x (pairs: {Join2(ratios)})");
        Result("raw_nospin_vs_spin", Stats.Median(ratios));
    }

    private void Result(string key, double value) => _results.Add(string.Create(CultureInfo.InvariantCulture, $"RESULT {key}={value:G6}"));

    private static string Join(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)));

    private static string Join2(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

    private static int FirstDifference(int[] a, int[] b) => Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);

    /// <summary>A deterministic prompt of ordinary (non-special) token ids.</summary>
    public static int[] Prompt(int length, int salt, int vocab) =>
        [.. Enumerable.Range(0, length).Select(i => 3 + ((i * 37) + (salt * 101)) % (vocab - 3))];
}
