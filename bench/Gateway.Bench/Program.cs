using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Intent.Scoring;
using Gateway.TestSupport;
using Gateway.Text.Chat;

namespace Gateway.Bench.Overhead;

/// <summary>
/// The gateway's overhead against the same worker called directly: one real worker process, the real gateway in
/// container mode pointing at it, requests interleaved direct / through the gateway so machine noise hits both alike.
/// Usage: dotnet Gateway.Bench.dll [--quick] [--variants] [--rounds 5] [--pairs 400] [--stream-pairs 40] [--tokens 64]
///        [--concurrency 8] [--requests 400] [--work DIR]
/// </summary>
internal static class Program
{
    private const string Message = "My VPN keeps dropping every few minutes and I cannot reach the internal wiki. How do I fix it?";
    private const string QuietLogs = "gateway it quiet-logs";
    private const string QuietNoOtel = "gateway it quiet-logs no-otel";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private static async Task<int> Main(string[] args)
    {
        var o = Options.Parse(args);
        string repo = RepositoryRoot();
        string work = o.Work ?? Path.Combine(Path.GetTempPath(), "gw-gateway-bench", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        using var processes = new BenchProcesses();
        try
        {
            return await RunAsync(o, repo, work, processes).ConfigureAwait(false);
        }
        finally
        {
            processes.Dispose();
            if (o.Work is null)
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                    // Best effort.
                }
            }
        }
    }

    private static async Task<int> RunAsync(Options o, string repo, string work, BenchProcesses processes)
    {
        string bin = AppContext.BaseDirectory;
        var sw = Stopwatch.StartNew();
        string package = BenchPackage.Build(work);
        Console.WriteLine(F($"package built in {sw.Elapsed.TotalSeconds:F1} s: {package}"));

        int workerPort = FreePort.Next();
        int gatewayPort = FreePort.Next();
        var workerUrl = new Uri($"http://127.0.0.1:{workerPort}");
        var gatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
        var worker = processes.StartDotnet("worker", Path.Combine(bin, "Gateway.Worker.dll"), null,
            "--department", "it", "--model", package, "--port", workerPort.ToString(CultureInfo.InvariantCulture), "--threads", "1",
            "--Worker:ParentProcessId", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        string config = Path.Combine(work, "routing.json");
        File.WriteAllText(config, RoutingJson(gatewayUrl, workerUrl, Path.Combine(repo, "models", "router", "v1")));
        await BenchProcesses.WaitReadyAsync(worker, workerUrl, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        var gateway = processes.StartDotnet("gateway", Path.Combine(bin, "Gateway.dll"), null, "--config", config, "--worker-assembly", Path.Combine(bin, "Gateway.Worker.dll"));
        await BenchProcesses.WaitReadyAsync(gateway, gatewayUrl, TimeSpan.FromSeconds(120)).ConfigureAwait(false);

        // --variants: the same gateway build with settings changed from outside (no src/ edits), to attribute the overhead:
        // per-request Information logs of ASP.NET Core hosting/routing and YARP off, then also the OpenTelemetry SDK off.
        var variantUrls = new List<(string Name, Uri Url)>();
        if (o.Variants)
        {
            string[] quietLogs = ["--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Logging:LogLevel:Yarp=Warning"];
            foreach (var (name, environment) in new (string, Dictionary<string, string>?)[]
            {
                (QuietLogs, null),
                (QuietNoOtel, new Dictionary<string, string> { ["OTEL_SDK_DISABLED"] = "true" }),
            })
            {
                var url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
                var child = processes.StartDotnet(name, Path.Combine(bin, "Gateway.dll"), environment,
                    [.. quietLogs, "--config", config, "--listen", url.ToString().TrimEnd('/'), "--worker-assembly", Path.Combine(bin, "Gateway.Worker.dll")]);
                await BenchProcesses.WaitReadyAsync(child, url, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
                variantUrls.Add((name, url));
            }
        }

        Console.WriteLine(F($"worker pid {worker.Process.Id} on {workerUrl}, gateway pid {gateway.Process.Id} on {gatewayUrl} (container mode), ready after {sw.Elapsed.TotalSeconds:F1} s"));

        using var directClient = NewClient();
        using var gatewayClient = NewClient();
        var chat = new Uri("/v1/chat/completions", UriKind.Relative);
        var direct = new Target("direct", directClient, new Uri(workerUrl, chat), Body("it", 1, false), Body("it", o.Tokens, true));
        var explicitModel = new Target("gateway it", gatewayClient, new Uri(gatewayUrl, chat), Body("it", 1, false), Body("it", o.Tokens, true));
        var auto = new Target("gateway auto", gatewayClient, new Uri(gatewayUrl, chat), Body("auto", 1, false), Body("auto", o.Tokens, true));
        Target[] latencyTargets = [direct, explicitModel, auto, .. variantUrls.Select(v => new Target(v.Name, gatewayClient, new Uri(v.Url, chat), Body("it", 1, false), Body("it", o.Tokens, true)))];
        Round.Names = [.. latencyTargets.Select(t => t.Name)];

        await ShowDecisionAsync(auto).ConfigureAwait(false);

        // Warm-up: JIT tiers, connection pools (ours, and YARP's to the worker), the engine's first runs.
        for (int i = 0; i < o.WarmupPairs; i++)
        {
            foreach (var t in Rotate(latencyTargets, i))
            {
                await CallAsync(t, t.Body).ConfigureAwait(false);
            }
        }

        for (int i = 0; i < Math.Max(2, o.StreamPairs / 4); i++)
        {
            await StreamAsync(direct).ConfigureAwait(false);
            await StreamAsync(explicitModel).ConfigureAwait(false);
        }

        await ThroughputAsync(direct, o.Concurrency, o.Requests / 4).ConfigureAwait(false);
        await ThroughputAsync(explicitModel, o.Concurrency, o.Requests / 4).ConfigureAwait(false);

        var rounds = new List<Round>();
        long gatewayLines0 = gateway.Lines, workerLines0 = worker.Lines, gatewayRequests = 0, workerRequests = 0;
        for (int r = 0; r < o.Rounds; r++)
        {
            var round = new Round();

            // a. non-streaming, max_tokens 1: triples direct / gateway it / gateway auto in rotating order.
            for (int i = 0; i < o.Pairs; i++)
            {
                foreach (var t in Rotate(latencyTargets, i + r))
                {
                    round.Latency[t.Name].Add(await CallAsync(t, t.Body).ConfigureAwait(false));
                }
            }

            gatewayRequests += 2L * o.Pairs;
            workerRequests += (long)latencyTargets.Length * o.Pairs;

            // b. streaming: pairs direct / gateway it, order alternating.
            for (int i = 0; i < o.StreamPairs; i++)
            {
                var first = (i + r) % 2 == 0 ? direct : explicitModel;
                var second = first == direct ? explicitModel : direct;
                foreach (var t in new[] { first, second })
                {
                    var (ttfb, total, events) = await StreamAsync(t).ConfigureAwait(false);
                    round.Ttfb[t.Name].Add(ttfb);
                    round.Total[t.Name].Add(total);
                    round.Events[t.Name] = events;
                }
            }

            // c. throughput: N concurrent clients, a fixed number of requests, targets in rotating order.
            foreach (var t in Rotate(latencyTargets, r))
            {
                round.Throughput[t.Name] = await ThroughputAsync(t, o.Concurrency, o.Requests).ConfigureAwait(false);
            }

            rounds.Add(round);
            Console.WriteLine(F($"round {r + 1}/{o.Rounds}: ") + round.Summary());
        }

        double gatewayLinesPerRequest = (gateway.Lines - gatewayLines0) / (double)Math.Max(1, gatewayRequests + (long)o.StreamPairs * o.Rounds + 2L * o.Rounds * o.Requests);
        double workerLinesPerRequest = (worker.Lines - workerLines0) / (double)Math.Max(1, workerRequests + 2L * o.StreamPairs * o.Rounds + (long)latencyTargets.Length * o.Rounds * o.Requests);

        // d. intent scoring alone, in-process, the same message (as the gateway scores a one-turn conversation).
        var (intentP50, intentP99) = MeasureIntent(Path.Combine(repo, "models", "router", "v1"), o.Quick ? 2_000 : 10_000);

        Report(o, rounds, intentP50, intentP99, gatewayLinesPerRequest, workerLinesPerRequest, gateway);
        return 0;
    }

    private static void Report(Options o, List<Round> rounds, double intentP50, double intentP99, double gatewayLines, double workerLines, BenchProcesses.Child gateway)
    {
        double Med(Func<Round, double> f) => Stats.Median(rounds.Select(f));
        double DiffPct(Round r, string a, double q) => Stats.Percentile(Stats.Differences(r.Latency[a], r.Latency["direct"]), q);
        double PctDiff(Round r, string a, double q) => Stats.Percentile(r.Latency[a], q) - Stats.Percentile(r.Latency["direct"], q);
        double StreamDiff(Round r, Dictionary<string, List<double>> m, double q) => Stats.Percentile(Stats.Differences(m["gateway it"], m["direct"]), q);

        Console.WriteLine();
        Console.WriteLine(F($"== results: medians over {rounds.Count} rounds of one run; {o.Pairs} triples/round (a), {o.StreamPairs} pairs/round (b), {o.Concurrency} clients x {o.Requests} requests (c) =="));
        Console.WriteLine("a. non-streaming, max_tokens 1, latency ms          p50      p99");
        foreach (string t in new[] { "direct", "gateway it", "gateway auto" })
        {
            Console.WriteLine(F($"   {t,-44} {Med(r => Stats.Percentile(r.Latency[t], 0.5)),8:F3} {Med(r => Stats.Percentile(r.Latency[t], 0.99)),8:F3}"));
        }

        Console.WriteLine("   added (gateway - direct), ms                      p50      p99     goal");
        foreach (string t in new[] { "gateway it", "gateway auto" })
        {
            string name = t == "gateway it" ? "explicit model 'it'" : "model 'auto' (intent scoring)";
            Console.WriteLine(F($"   {name + ", per-pair difference",-44} {Med(r => DiffPct(r, t, 0.5)),8:F3} {Med(r => DiffPct(r, t, 0.99)),8:F3}   p50 < 0.3, p99 < 1.5"));
            Console.WriteLine(F($"   {name + ", difference of percentiles",-44} {Med(r => PctDiff(r, t, 0.5)),8:F3} {Med(r => PctDiff(r, t, 0.99)),8:F3}"));
        }

        foreach (string t in Round.Names.Skip(3))
        {
            Console.WriteLine(F($"   {"variant: " + t + ", per-pair",-44} {Med(r => DiffPct(r, t, 0.5)),8:F3} {Med(r => DiffPct(r, t, 0.99)),8:F3}   (diagnostic, model 'it')"));
            Console.WriteLine(F($"   {"   its difference to 'gateway it', per-pair",-44} {Med(r => Stats.Percentile(Stats.Differences(r.Latency[t], r.Latency["gateway it"]), 0.5)),8:F3}"));
        }

        Console.WriteLine(F($"   auto - explicit (intent scoring + decision), per-pair p50 {Med(r => Stats.Percentile(Stats.Differences(r.Latency["gateway auto"], r.Latency["gateway it"]), 0.5)),6:F3} ms; in-process IntentModel.Score p50 {intentP50:F1} µs, p99 {intentP99:F1} µs"));
        Console.WriteLine(F($"   gateway / direct latency ratio p50: it {Med(r => Stats.Percentile(r.Latency["gateway it"], 0.5) / Stats.Percentile(r.Latency["direct"], 0.5)):F3}, auto {Med(r => Stats.Percentile(r.Latency["gateway auto"], 0.5) / Stats.Percentile(r.Latency["direct"], 0.5)):F3}"));

        Console.WriteLine(F($"b. streaming, {o.Tokens} tokens, ignore_eos, ms            direct  gateway  added p50 (per pair)  added p99 (per pair)"));
        Console.WriteLine(F($"   time to first chunk (p50)                      {Med(r => Stats.Median(r.Ttfb["direct"])),8:F3} {Med(r => Stats.Median(r.Ttfb["gateway it"])),8:F3} {Med(r => StreamDiff(r, r.Ttfb, 0.5)),10:F3} {Med(r => StreamDiff(r, r.Ttfb, 0.99)),20:F3}"));
        Console.WriteLine(F($"   total (p50)                                    {Med(r => Stats.Median(r.Total["direct"])),8:F3} {Med(r => Stats.Median(r.Total["gateway it"])),8:F3} {Med(r => StreamDiff(r, r.Total, 0.5)),10:F3} {Med(r => StreamDiff(r, r.Total, 0.99)),20:F3}"));
        Console.WriteLine(F($"   SSE events per response: direct {rounds[^1].Events["direct"]}, gateway {rounds[^1].Events["gateway it"]}"));

        Console.WriteLine(F($"c. throughput, {o.Concurrency} clients, max_tokens 1, requests/s   direct  gateway it  gateway auto"));
        Console.WriteLine(F($"   median                                         {Med(r => r.Throughput["direct"]),8:F0} {Med(r => r.Throughput["gateway it"]),10:F0} {Med(r => r.Throughput["gateway auto"]),12:F0}"));
        double ratioIt = Med(r => r.Throughput["gateway it"] / r.Throughput["direct"]);
        double ratioAuto = Med(r => r.Throughput["gateway auto"] / r.Throughput["direct"]);
        Console.WriteLine(F($"   ratio gateway / direct (median of per-round ratios): it {ratioIt:F3}, auto {ratioAuto:F3}   goal >= 0.85"));
        foreach (string t in Round.Names.Skip(3))
        {
            Console.WriteLine(F($"   variant: {t}: {Med(r => r.Throughput[t]),8:F0} requests/s, ratio to direct {Med(r => r.Throughput[t] / r.Throughput["direct"]):F3}, to 'gateway it' {Med(r => r.Throughput[t] / r.Throughput["gateway it"]):F3}"));
        }

        Console.WriteLine(F($"console log lines per request: gateway {gatewayLines:F2}, worker {workerLines:F2}"));
        Console.WriteLine("gateway's last log lines:");
        foreach (string line in gateway.Recent.TakeLast(4))
        {
            Console.WriteLine("   | " + line);
        }

        Console.WriteLine();
        void Result(string key, double value) => Console.WriteLine(F($"RESULT {key}={value:F4}"));
        Result("added_ms_p50_it_pair", Med(r => DiffPct(r, "gateway it", 0.5)));
        Result("added_ms_p99_it_pair", Med(r => DiffPct(r, "gateway it", 0.99)));
        Result("added_ms_p50_auto_pair", Med(r => DiffPct(r, "gateway auto", 0.5)));
        Result("added_ms_p99_auto_pair", Med(r => DiffPct(r, "gateway auto", 0.99)));
        Result("added_ms_p50_it_pctdiff", Med(r => PctDiff(r, "gateway it", 0.5)));
        Result("added_ms_p99_it_pctdiff", Med(r => PctDiff(r, "gateway it", 0.99)));
        Result("added_ms_p50_auto_pctdiff", Med(r => PctDiff(r, "gateway auto", 0.5)));
        Result("added_ms_p99_auto_pctdiff", Med(r => PctDiff(r, "gateway auto", 0.99)));
        Result("stream_added_ttfb_ms_p50", Med(r => StreamDiff(r, r.Ttfb, 0.5)));
        Result("stream_added_total_ms_p50", Med(r => StreamDiff(r, r.Total, 0.5)));
        Result("throughput_ratio_it", ratioIt);
        Result("throughput_ratio_auto", ratioAuto);
        foreach (string t in Round.Names.Skip(3))
        {
            string key = t.Replace(' ', '_').Replace("+", "", StringComparison.Ordinal).Replace("__", "_", StringComparison.Ordinal);
            Result($"variant_{key}_added_ms_p50_pair", Med(r => DiffPct(r, t, 0.5)));
            Result($"variant_{key}_added_ms_p99_pair", Med(r => DiffPct(r, t, 0.99)));
            Result($"variant_{key}_throughput_ratio", Med(r => r.Throughput[t] / r.Throughput["direct"]));
            Result($"variant_{key}_minus_it_ms_p50_pair", Med(r => Stats.Percentile(Stats.Differences(r.Latency[t], r.Latency["gateway it"]), 0.5)));
            Result($"variant_{key}_throughput_vs_it", Med(r => r.Throughput[t] / r.Throughput["gateway it"]));
        }

        Result("intent_score_us_p50", intentP50);
        Result("intent_score_us_p99", intentP99);
    }

    private static async Task ShowDecisionAsync(Target auto)
    {
        using var content = new ByteArrayContent(auto.Body);
        content.Headers.ContentType = Json;
        using var response = await auto.Client.PostAsync(auto.Url, content).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"gateway auto: {(int)response.StatusCode} {text}");
        }

        string Header(string name) => response.Headers.TryGetValues(name, out var v) ? string.Join(",", v) : "-";
        Console.WriteLine($"'auto' routes the bench message to {Header("x-gateway-department")} (confidence {Header("x-gateway-route-confidence")}); every department points at the one worker");
    }

    private static async Task<double> CallAsync(Target target, byte[] body)
    {
        long start = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await target.Client.PostAsync(target.Url, content).ConfigureAwait(false);
        byte[] bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{target.Name}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        }

        return ms;
    }

    /// <summary>Time to the first body bytes (the worker sends its headers with the first chunk), total time, and the number of SSE events.</summary>
    private static async Task<(double FirstChunkMs, double TotalMs, int Events)> StreamAsync(Target target)
    {
        long start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(target.StreamBody) };
        request.Content.Headers.ContentType = Json;
        using var response = await target.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{target.Name} (stream): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }

        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        double first = double.NaN;
        int events = 0, read;
        byte last = 0;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            if (double.IsNaN(first))
            {
                first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            // Events end with a blank line ("\n\n"); count them across read boundaries.
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n' && last == (byte)'\n')
                {
                    events++;
                }

                last = buffer[i];
            }
        }

        return (first, Stopwatch.GetElapsedTime(start).TotalMilliseconds, events);
    }

    private static async Task<double> ThroughputAsync(Target target, int concurrency, int requests)
    {
        int next = 0;
        long start = Stopwatch.GetTimestamp();
        var clients = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                await CallAsync(target, target.Body).ConfigureAwait(false);
            }
        });
        await Task.WhenAll(clients).ConfigureAwait(false);
        return requests / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static (double P50, double P99) MeasureIntent(string modelDir, int count)
    {
        using var model = IntentModel.Load(modelDir);
        ChatTurn[] conversation = [ChatTurn.User(Message)];
        for (int i = 0; i < 2_000; i++)
        {
            model.Score(conversation);
        }

        var micros = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Score(conversation);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        return (Stats.Percentile(micros, 0.5), Stats.Percentile(micros, 0.99));
    }

    private static IEnumerable<Target> Rotate(Target[] targets, int i)
    {
        // All orders of the targets in turn (6 for three), so each sits first, middle and last equally often.
        int n = targets.Length;
        int shift = i % n;
        bool reverse = (i / n) % 2 == 1;
        var order = Enumerable.Range(0, n).Select(k => targets[(k + shift) % n]);
        return reverse ? order.Reverse() : order;
    }

    private static HttpClient NewClient() => new(new SocketsHttpHandler
    {
        UseProxy = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private static byte[] Body(string model, int maxTokens, bool stream)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Message }),
            ["max_tokens"] = maxTokens,
            ["temperature"] = 0,
        };
        if (stream)
        {
            body["stream"] = true;
            body["ignore_eos"] = true;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    private static string RoutingJson(Uri gateway, Uri worker, string intentModel)
    {
        JsonObject Department() => new() { ["workers"] = new JsonArray(new JsonObject { ["address"] = worker.ToString() }) };
        var config = new JsonObject
        {
            ["listen"] = gateway.ToString().TrimEnd('/'),
            ["mode"] = "container",
            ["departments"] = new JsonObject { ["it"] = Department(), ["hr"] = Department(), ["support"] = Department() },
            ["intent"] = new JsonObject { ["model"] = intentModel, ["threshold"] = 0.5, ["fallback"] = "it" },
            ["keys"] = new JsonArray(),
        };
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run the bench from inside the repository (it needs models/router/v1)");
    }

    private static string F(FormattableString s) => FormattableString.Invariant(s);

    private sealed record Target(string Name, HttpClient Client, Uri Url, byte[] Body, byte[] StreamBody);

    private sealed class Round
    {
        public static string[] Names { get; set; } = ["direct", "gateway it", "gateway auto"];

        public Dictionary<string, List<double>> Latency { get; } = Names.ToDictionary(n => n, _ => new List<double>());
        public Dictionary<string, List<double>> Ttfb { get; } = Names.ToDictionary(n => n, _ => new List<double>());
        public Dictionary<string, List<double>> Total { get; } = Names.ToDictionary(n => n, _ => new List<double>());
        public Dictionary<string, int> Events { get; } = [];
        public Dictionary<string, double> Throughput { get; } = [];

        public string Summary()
        {
            double P(string t, double q) => Stats.Percentile(Stats.Differences(Latency[t], Latency["direct"]), q);
            return F($"added p50/p99 it {P("gateway it", 0.5):F3}/{P("gateway it", 0.99):F3} ms, auto {P("gateway auto", 0.5):F3}/{P("gateway auto", 0.99):F3} ms; ")
                + F($"stream ttfb +{Stats.Median(Stats.Differences(Ttfb["gateway it"], Ttfb["direct"])):F3} ms, total +{Stats.Median(Stats.Differences(Total["gateway it"], Total["direct"])):F3} ms; ")
                + F($"rps direct {Throughput["direct"]:F0}, it {Throughput["gateway it"]:F0}, auto {Throughput["gateway auto"]:F0}")
                + string.Concat(Names.Skip(3).Select(n => F($"; {n}: +{P(n, 0.5):F3} ms, {Throughput[n]:F0} rps")));
        }
    }

    private sealed record Options(bool Variants, bool Quick, int Rounds, int Pairs, int WarmupPairs, int StreamPairs, int Tokens, int Concurrency, int Requests, string? Work)
    {
        public static Options Parse(string[] args)
        {
            bool quick = args.Contains("--quick");
            string? Value(string name)
            {
                int i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            }

            int Int(string name, int full, int small) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : quick ? small : full;
            return new Options(args.Contains("--variants"), quick, Int("--rounds", 5, 2), Int("--pairs", 400, 60), Int("--warmup", 300, 60), Int("--stream-pairs", 40, 8),
                Int("--tokens", 64, 64), Int("--concurrency", 8, 8), Int("--requests", 400, 100), Value("--work"));
        }
    }
}
