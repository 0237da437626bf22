using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Gateway.Tests.Proxy;

/// <summary>Container mode: workers started on their own; the gateway only knows their addresses.</summary>
public class ContainerModeTests
{
    private const string LongStream = """{"model":"it","messages":[{"role":"user","content":"Tell me everything"}],"max_tokens":3500,"ignore_eos":true,"stream":true}""";

    [Fact]
    public async Task DeadWorkerBesideALiveOne_EveryRequestIsServedByRetryingOnTheOther()
    {
        using var worker = await StartedWorker.StartAsync(TestPackages.TinyFp32);
        string dead = $"http://127.0.0.1:{FreePort.Next()}";
        using var gateway = await GatewayProcess.StartContainerModeAsync(dead, worker.Address);

        var failures = new List<string>();
        for (int i = 0; i < 20; i++)
        {
            using var response = await gateway.Http.SendAsync(gateway.Post("/v1/chat/completions",
                """{"model":"it","messages":[{"role":"user","content":"hi"}],"max_tokens":1}""", key: null));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task WorkerDyingMidStream_ClientGetsAnErrorEventAndNoDone()
    {
        using var worker = await StartedWorker.StartAsync(TestPackages.TinyLongContext);
        using var gateway = await GatewayProcess.StartContainerModeAsync(worker.Address);
        await WaitUntilRoutable(gateway);

        using var response = await gateway.Http.SendAsync(gateway.Post("/v1/chat/completions", LongStream, key: null), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            events.Add(line);
            if (events.Count == 5)
            {
                worker.Kill();
            }
        }

        Assert.DoesNotContain("data: [DONE]", events);
        using var last = JsonDocument.Parse(events[^1]["data: ".Length..]);
        var error = last.RootElement.GetProperty("error");
        Assert.Equal("upstream_error", error.GetProperty("code").GetString());
        Assert.Contains("mid-stream", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoHealthyWorker_Is503WithRetryAfter()
    {
        using var gateway = await GatewayProcess.StartContainerModeAsync($"http://127.0.0.1:{FreePort.Next()}");

        using var response = await gateway.Http.SendAsync(gateway.Post("/v1/chat/completions",
            """{"model":"it","messages":[{"role":"user","content":"hi"}]}""", key: null));

        Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway, $"got {response.StatusCode}");
        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"type\":\"server_error\"", body, StringComparison.Ordinal);
    }

    private static async Task WaitUntilRoutable(GatewayProcess gateway)
    {
        for (int i = 0; i < 100; i++)
        {
            using var response = await gateway.Http.SendAsync(gateway.Post("/v1/chat/completions",
                """{"model":"it","messages":[{"role":"user","content":"hi"}],"max_tokens":1}""", key: null));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the gateway never reached the worker");
    }
}

/// <summary>A worker started by the test itself, as a container platform would start it.</summary>
internal sealed class StartedWorker : IDisposable
{
    private readonly ChildProcess _process;

    private StartedWorker(ChildProcess process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }

    public static async Task<StartedWorker> StartAsync(string package)
    {
        int port = FreePort.Next();
        var process = ChildProcess.StartDotnet("Gateway.Worker.dll", "--department", "it", "--model", package, "--port",
            port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "1");
        var worker = new StartedWorker(process, $"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var ready = await http.GetAsync(new Uri(worker.Address + "/readyz"));
                if (ready.IsSuccessStatusCode)
                {
                    return worker;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }

            await Task.Delay(100);
        }

        worker.Dispose();
        throw new TimeoutException($"worker not ready:\n{process.Output}");
    }

    public void Kill() => _process.Kill();

    public void Dispose() => _process.Dispose();
}
