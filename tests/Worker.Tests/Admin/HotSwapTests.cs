using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Worker.Tests.Admin;

/// <summary>In-process model swaps under load: no request fails, each is answered by a version that was serving.</summary>
public class HotSwapTests
{
    private const string Token = "worker-secret";

    [Fact]
    public async Task SwapsUnderLoad_FailNoRequest_AndEveryAnswerNamesAServingVersion()
    {
        using var worker = await WorkerProcess.StartAsync(TestPackages.TinyFp32, "--Worker:AdminToken", Token, "--max-batch", "4");
        string[] packages = [TestPackages.TinyLongContext, TestPackages.TinyFp16, TestPackages.TinyFp32, TestPackages.TinyLongContext, TestPackages.TinyFp32];
        var versions = new HashSet<string> { "fp32", "long", "fp16" };
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var seen = new List<string>();
        var clients = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = worker.BaseUrl };
            while (!stop.IsCancellationRequested)
            {
                bool stream = i % 2 == 0;
                using var response = await http.PostAsJsonAsync("/v1/chat/completions",
                    new { messages = new[] { new { role = "user", content = $"client {i}" } }, max_tokens = 16, stream });
                string body = await response.Content.ReadAsStringAsync();
                lock (failures)
                {
                    if (!response.IsSuccessStatusCode || (stream && !body.Contains("data: [DONE]", StringComparison.Ordinal)))
                    {
                        failures.Add($"{response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
                    }

                    seen.Add(response.Headers.GetValues("x-gateway-model-version").Single());
                }
            }
        })).ToList();

        foreach (string package in packages)
        {
            await Task.Delay(300);
            using var swap = await Activate(worker, package);
            Assert.True(swap.IsSuccessStatusCode, await swap.Content.ReadAsStringAsync());
        }

        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.True(seen.Count > 40, $"only {seen.Count} requests ran during the swaps");
        Assert.Subset(versions, seen.ToHashSet());
        Assert.Contains("long", seen);
        var state = await State(worker);
        Assert.Equal("fp32", state.GetProperty("version").GetString());
        Assert.Equal(0, state.GetProperty("retired_in_use").GetInt32());
    }

    [Fact]
    public async Task CorruptPackage_IsRefusedAndTheOldVersionKeepsServing()
    {
        using var worker = await WorkerProcess.StartAsync(TestPackages.TinyFp32, "--Worker:AdminToken", Token);
        using var dir = new TemporaryDirectory();
        foreach (string file in Directory.GetFiles(TestPackages.TinyFp16))
        {
            File.Copy(file, dir.Combine(Path.GetFileName(file)));
        }

        File.AppendAllText(dir.Combine("tokenizer.json"), " ");

        using var swap = await Activate(worker, dir.Path);

        Assert.Equal((HttpStatusCode)422, swap.StatusCode);
        Assert.Contains("tokenizer.json: size is", await swap.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("fp32", (await State(worker)).GetProperty("version").GetString());
    }

    [Fact]
    public async Task InternalEndpoints_RefuseAMissingOrWrongToken()
    {
        using var worker = await WorkerProcess.StartAsync(TestPackages.TinyFp32, "--Worker:AdminToken", Token);
        foreach (string? token in new[] { null, "wrong" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(worker.BaseUrl, "/internal/models"));
            if (token is not null)
            {
                request.Headers.Add("x-worker-token", token);
            }

            using var response = await worker.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task TwentySwaps_FreeEveryRetiredEngine_AndMemoryStaysNearItsStartingLevel()
    {
        using var worker = await WorkerProcess.StartAsync(TestPackages.TinyFp32, "--Worker:AdminToken", Token);
        using (await Activate(worker, TestPackages.TinyLongContext))
        using (await Activate(worker, TestPackages.TinyFp32))
        {
        }

        long before = WorkingSet(worker);
        for (int i = 0; i < 20; i++)
        {
            using var swap = await Activate(worker, i % 2 == 0 ? TestPackages.TinyLongContext : TestPackages.TinyFp32);
            Assert.True(swap.IsSuccessStatusCode);
        }

        long after = WorkingSet(worker);
        Assert.Equal(0, (await State(worker)).GetProperty("retired_in_use").GetInt32());
        // Tiny packages load ~3 MB of sessions each: twenty leaked versions would add well over 50 MB.
        Assert.True(after - before < 50L * 1024 * 1024, $"working set grew from {before / 1048576} MB to {after / 1048576} MB over 20 swaps");
    }

    private static async Task<HttpResponseMessage> Activate(WorkerProcess worker, string package)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(worker.BaseUrl, "/internal/models/activate"))
        {
            Content = JsonContent.Create(new { model = package }),
        };
        request.Headers.Add("x-worker-token", Token);
        return await worker.Http.SendAsync(request);
    }

    private static async Task<JsonElement> State(WorkerProcess worker)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(worker.BaseUrl, "/internal/models"));
        request.Headers.Add("x-worker-token", Token);
        using var response = await worker.Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static long WorkingSet(WorkerProcess worker)
    {
        using var process = Process.GetProcessById(worker.ProcessId);
        return process.WorkingSet64;
    }
}
