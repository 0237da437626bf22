using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Bench.Overhead;
using Gateway.TestSupport;

namespace Gateway.Bench.Swap;

/// <summary>
/// Hot swap under load: the real gateway in local mode (one department, one worker on the "small" preset), N clients
/// sending chat completions, and interleaved windows without swaps (baseline) and with an activation of the other
/// version every ~2 s (swaps). Reports p50/p99 of each kind of window, their ratios, failures and activation times.
/// Usage: dotnet Swap.Bench.dll [--clients 8] [--window 8] [--rounds 4] [--swap-every 2] [--max-tokens 8] [--threads 1] [--quick]
/// </summary>
internal static class Program
{
    private const string AdminKey = "sk-swap-bench-admin";

    private static async Task<int> Main(string[] args)
    {
        var o = SwapOptions.Parse(args);
        string work = Path.Combine(Path.GetTempPath(), "gw-swap-bench", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        using var processes = new BenchProcesses();
        try
        {
            return await RunAsync(o, work, processes).ConfigureAwait(false);
        }
        finally
        {
            processes.Dispose();
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

    private static async Task<int> RunAsync(SwapOptions o, string work, BenchProcesses processes)
    {
        var sw = Stopwatch.StartNew();
        var (v1, v2) = SwapPackages.Build(work);
        Console.WriteLine(F($"packages built in {sw.Elapsed.TotalSeconds:F1} s: {v1}, {v2} ({new DirectoryInfo(v1).EnumerateFiles().Sum(f => f.Length) / 1e6:F1} MB each)"));

        var gatewayUrl = new Uri(F($"http://127.0.0.1:{FreePort.Next()}"));
        string config = Path.Combine(work, "routing.json");
        File.WriteAllText(config, RoutingJson(gatewayUrl, v1, o.Threads, o.Clients));
        string bin = AppContext.BaseDirectory;
        var gateway = processes.StartDotnet("gateway", Path.Combine(bin, "Gateway.dll"), null, "--config", config, "--worker-assembly", Path.Combine(bin, "Gateway.Worker.dll"));
        await BenchProcesses.WaitReadyAsync(gateway, gatewayUrl, TimeSpan.FromSeconds(180)).ConfigureAwait(false);

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(60) };
        using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        await AdminAsync(admin, new Uri(gatewayUrl, "/admin/departments/it/versions"), new { path = v2 }).ConfigureAwait(false);

        var load = new SwapLoad(http, gatewayUrl, o.MaxTokens);
        using var stop = new CancellationTokenSource();
        var clients = load.RunAsync(o.Clients, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(o.Warmup)).ConfigureAwait(false);

        var activations = new List<double>();
        string next = "v2";
        for (int round = 1; round <= o.Rounds; round++)
        {
            // Alternate which kind of window goes first, so drift over the run hits both alike.
            foreach (bool swaps in round % 2 == 1 ? new[] { false, true } : [true, false])
            {
                load.Window = F($"{(swaps ? "swaps" : "baseline")}-{round}");
                var end = Stopwatch.StartNew();
                while (end.Elapsed.TotalSeconds < o.Window)
                {
                    if (swaps)
                    {
                        var call = Stopwatch.StartNew();
                        await AdminAsync(admin, new Uri(gatewayUrl, "/admin/departments/it/activate"), new { version = next }).ConfigureAwait(false);
                        activations.Add(call.Elapsed.TotalMilliseconds);
                        next = next == "v2" ? "v1" : "v2";
                        double wait = o.SwapEvery - call.Elapsed.TotalSeconds;
                        await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(Math.Min(wait, o.Window - end.Elapsed.TotalSeconds), 0, o.SwapEvery))).ConfigureAwait(false);
                    }
                    else
                    {
                        // The time left, not a whole window: a timer may fire a hair early, and must not start a second window.
                        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0.01, o.Window - end.Elapsed.TotalSeconds))).ConfigureAwait(false);
                    }
                }

                // A short untagged gap, so requests started under one kind of window do not finish inside the next.
                load.Window = "gap";
                await Task.Delay(500).ConfigureAwait(false);
            }
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await clients.ConfigureAwait(false);
        SwapReport.Print(o, load.Samples.ToList(), activations);
        return load.Samples.Any(s => !s.Ok) ? 1 : 0;
    }

    private static async Task AdminAsync(HttpClient admin, Uri uri, object body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync(uri, content).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(F($"{uri.AbsolutePath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}"));
        }
    }

    private static string RoutingJson(Uri gateway, string package, int threads, int clients)
    {
        var config = new JsonObject
        {
            ["listen"] = gateway.ToString().TrimEnd('/'),
            ["mode"] = "local",
            ["departments"] = new JsonObject
            {
                ["it"] = new JsonObject
                {
                    ["model"] = package,
                    ["workers"] = new JsonArray(new JsonObject { ["port"] = FreePort.Next(), ["threads"] = threads, ["maxBatchSize"] = clients }),
                },
            },
            ["intent"] = new JsonObject { ["fallback"] = "it" },
            ["keys"] = new JsonArray(),
            ["adminKey"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey))) },
        };
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static string F(FormattableString s) => FormattableString.Invariant(s);
}
