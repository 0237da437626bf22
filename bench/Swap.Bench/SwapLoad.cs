using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Gateway.Bench.Swap;

/// <summary>One finished request: the window it started in, its latency, whether it succeeded, the version that answered.</summary>
internal sealed record Sample(string Window, double Ms, bool Ok, string? Version, string? Error);

/// <summary>
/// N clients sending non-streaming chat completions back to back for the whole run; each sample is tagged with the
/// window (baseline-1, swaps-1, …) that was current when the request started. Between windows the tag is "gap".
/// </summary>
internal sealed class SwapLoad(HttpClient http, Uri gateway, int maxTokens)
{
    private const string Body = """{"model":"it","messages":[{"role":"user","content":"My VPN keeps dropping every few minutes. How do I fix it?"}],"max_tokens":MAX}""";
    private volatile string _window = "warmup";

    public ConcurrentQueue<Sample> Samples { get; } = new();

    public string Window
    {
        get => _window;
        set => _window = value;
    }

    public Task RunAsync(int clients, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => ClientAsync(stop), CancellationToken.None)));

    private async Task ClientAsync(CancellationToken stop)
    {
        string body = Body.Replace("MAX", maxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var uri = new Uri(gateway, "/v1/chat/completions");
        while (!stop.IsCancellationRequested)
        {
            string window = Window;
            long start = Stopwatch.GetTimestamp();
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(uri, content, CancellationToken.None).ConfigureAwait(false);
                string text = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                string? version = response.Headers.TryGetValues("x-gateway-model-version", out var v) ? v.FirstOrDefault() : null;
                bool ok = response.IsSuccessStatusCode && text.Contains("\"choices\"", StringComparison.Ordinal);
                Samples.Enqueue(new Sample(window, ms, ok, version, ok ? null : $"{(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}"));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Samples.Enqueue(new Sample(window, Stopwatch.GetElapsedTime(start).TotalMilliseconds, false, null, e.Message));
            }
        }
    }
}
