using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OpenAI.Chat;

namespace Gateway.Worker.Tests.OpenAi;

/// <summary>A worker with one batch slot and one queue place, serving a long-context model so generations last.</summary>
public sealed class BusyWorkerFixture : IAsyncLifetime
{
    public WorkerProcess Worker { get; private set; } = null!;

    public async Task InitializeAsync() => Worker = await WorkerProcess.StartAsync(TestPackages.TinyLongContext, "--max-batch", "1", "--max-queue", "1");

    public Task DisposeAsync()
    {
        Worker.Dispose();
        return Task.CompletedTask;
    }
}

public class BusyWorkerTests(BusyWorkerFixture fixture) : IClassFixture<BusyWorkerFixture>
{
    private const int LongGeneration = 4000;
    private readonly WorkerProcess _worker = fixture.Worker;

    [Fact]
    public async Task DisconnectMidStream_FreesTheSlotForTheNextRequest()
    {
        long before = await CompletionTokensServed();
        using (var cts = new CancellationTokenSource())
        {
            int chunks = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = LongGeneration, Temperature = 0 };
                await foreach (var update in _worker.HangingUpChat().CompleteChatStreamingAsync([new UserChatMessage("Tell me everything.")], options, cts.Token))
                {
                    if (++chunks == 3)
                    {
                        await cts.CancelAsync();
                    }
                }
            });
        }

        // With the only slot freed, a short request is served at once, long before the abandoned one could have finished.
        var next = await _worker.Chat().CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 3, Temperature = 0 });
        Assert.InRange(next.Value.Usage.OutputTokenCount, 1, 3);
        long served = await CompletionTokensServed() - before;
        Assert.True(served < LongGeneration / 2, $"the abandoned generation kept running: {served} tokens served");
    }

    [Fact]
    public async Task FullQueue_Is503WithRetryAfter()
    {
        var running = _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/v1/completions"), new { prompt = new[] { 5, 6 }, max_tokens = LongGeneration, temperature = 0, ignore_eos = true });
        await WaitForActive(1);
        var waiting = _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/v1/completions"), new { prompt = new[] { 7 }, max_tokens = 2 });
        await WaitForQueued(1);

        using var refused = await _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/v1/completions"), new { prompt = new[] { 8 }, max_tokens = 2 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("\"code\":\"overloaded\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var first = await running;
        using var second = await waiting;
        Assert.True(first.IsSuccessStatusCode && second.IsSuccessStatusCode, "requests already admitted must still be served");
    }

    private async Task<long> CompletionTokensServed()
    {
        string metrics = await _worker.Http.GetStringAsync(new Uri(_worker.BaseUrl, "/metrics"));
        var match = Regex.Match(metrics, @"^gen_ai_server_tokens_completion_total\{[^}]*\} (\d+)", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private Task WaitForActive(int count) => WaitFor($"\"active\":{count}");

    private Task WaitForQueued(int count) => WaitFor($"\"queued\":{count}");

    private async Task WaitFor(string fragment)
    {
        for (int i = 0; i < 200; i++)
        {
            if ((await _worker.Http.GetStringAsync(new Uri(_worker.BaseUrl, "/readyz"))).Contains(fragment, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(5);
        }

        Assert.Fail($"/readyz never showed {fragment}");
    }
}
