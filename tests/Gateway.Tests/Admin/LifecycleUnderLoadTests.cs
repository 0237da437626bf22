using System.Diagnostics;
using System.Net.Http.Json;

namespace Gateway.Tests.Admin;

/// <summary>
/// The hot-swap promise under load: 16 clients (half streaming) for 20 s while one department gets 5
/// activations and a rollback and the router is swapped: no request fails, and every answer's version
/// was serving at some moment while that request ran.
/// </summary>
public class LifecycleUnderLoadTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SwapsAndRollbackUnderLoad_FailNoRequest()
    {
        using var gateway = await GatewayProcess.StartAsync();
        var admin = new AdminClient(gateway);
        using var dir = new TemporaryDirectory();
        string[] versions = ["it-a", "it-b", "it-c", "it-d", "it-e"];
        foreach (string version in versions)
        {
            var (status, body) = await admin.Register("it", TestPackages.VersionedCopy(TestPackages.TinyLongContext, dir.Path, version));
            Assert.True(status == 201, body.ToString());
        }

        var (routerStatus, routerBody) = await admin.SendAsync(HttpMethod.Post, "/admin/router/versions", new { path = Path.Combine(GatewayProcess.RepositoryRoot(), "models", "router", "v2") });
        Assert.True(routerStatus == 201, routerBody.ToString());

        var clock = Stopwatch.StartNew();
        var timeline = new VersionTimeline("long");
        using var stop = new CancellationTokenSource();
        var results = new List<Outcome>();
        var clients = Enumerable.Range(0, 16).Select(i => Task.Run(() => ClientLoop(gateway, i, clock, results, stop.Token))).ToList();

        var step = Duration / 9;
        foreach (string version in versions)
        {
            await Task.Delay(step);
            await timeline.SwitchAsync(clock, version, async () => Assert.Equal(200, (await admin.Activate("it", version)).Status));
            if (version == "it-c")
            {
                await Task.Delay(step);
                Assert.Equal(200, (await admin.SendAsync(HttpMethod.Post, "/admin/router/shadow", new { version = "v2" })).Status);
                await Task.Delay(step);
                Assert.Equal(200, (await admin.SendAsync(HttpMethod.Post, "/admin/router/activate", new { version = "v2" })).Status);
            }
        }

        await Task.Delay(step);
        await timeline.SwitchAsync(clock, "it-d", async () => Assert.Equal(200, (await admin.SendAsync(HttpMethod.Post, "/admin/departments/it/rollback")).Status));
        var remaining = Duration - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.True(clock.Elapsed >= Duration);
        Assert.Empty(results.Where(r => r.Failure is not null).Select(r => r.Failure));
        Assert.True(results.Count > 200, $"only {results.Count} requests ran");
        var wrong = results.Where(r => !timeline.WasServing(r.Version!, r.Started, r.Ended)).Select(r => $"{r.Version} at {r.Started:F2}-{r.Ended:F2}").ToList();
        Assert.Empty(wrong);
        Assert.Superset(new HashSet<string> { "it-a", "it-e" }, results.Select(r => r.Version!).ToHashSet());

        var (_, audit) = await admin.SendAsync(HttpMethod.Get, "/admin/audit");
        var steps = audit.EnumerateArray().Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("department").GetString()} {e.GetProperty("version").GetString()}").ToList();
        Assert.Equal(5, steps.Count(s => s.StartsWith("activate it ", StringComparison.Ordinal)));
        Assert.Contains("rollback it it-d", steps);
        Assert.Contains("activate router v2", steps);
    }

    private static async Task ClientLoop(GatewayProcess gateway, int client, Stopwatch clock, List<Outcome> results, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = gateway.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", GatewayProcess.AllKey);
        bool stream = client % 2 == 0;
        while (!stop.IsCancellationRequested)
        {
            double started = clock.Elapsed.TotalSeconds;
            string? failure = null, version = null;
            try
            {
                using var response = await http.PostAsJsonAsync("/v1/chat/completions",
                    new { model = "it", messages = new[] { new { role = "user", content = $"VPN question {client}" } }, max_tokens = 12, stream }, CancellationToken.None);
                string body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                version = response.Headers.TryGetValues("x-gateway-model-version", out var values) ? values.Single() : null;
                if (!response.IsSuccessStatusCode || version is null || (stream && (!body.Contains("data: [DONE]", StringComparison.Ordinal) || body.Contains("\"error\"", StringComparison.Ordinal))))
                {
                    failure = $"{(int)response.StatusCode} {version}: {body[..Math.Min(160, body.Length)]}";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failure = e.Message;
            }

            lock (results)
            {
                results.Add(new Outcome(started, clock.Elapsed.TotalSeconds, version, failure));
            }
        }
    }

    private sealed record Outcome(double Started, double Ended, string? Version, string? Failure);

    /// <summary>When each version may have served: from the start of the call that activated it to the end of the call that replaced it.</summary>
    private sealed class VersionTimeline(string initial)
    {
        private readonly List<(string Version, double From, double To)> _spans = [(initial, 0, double.MaxValue)];

        public async Task SwitchAsync(Stopwatch clock, string next, Func<Task> call)
        {
            double from = clock.Elapsed.TotalSeconds;
            await call();
            double to = clock.Elapsed.TotalSeconds;
            var last = _spans[^1];
            _spans[^1] = (last.Version, last.From, to);
            _spans.Add((next, from, double.MaxValue));
        }

        public bool WasServing(string version, double started, double ended) =>
            _spans.Any(s => s.Version == version && s.From <= ended && s.To >= started);
    }
}
