using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Gateway.Deployment.Tests;

/// <summary>
/// What the Dockerfiles do, without Docker: <c>dotnet publish -c Release -o …</c> of the worker and the gateway,
/// then both started from their publish folders the way the containers start them (worker settings from
/// Worker__* variables, gateway in container mode with its secrets from the environment). One test: the two
/// publishes take most of its time (about a minute on two busy cores with a warm NuGet cache).
/// </summary>
public class PublishTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task PublishedWorkerAndGateway_StartFromTheirPublishFolders_AndServeInContainerMode()
    {
        using var folder = new TemporaryDirectory();
        var clock = Stopwatch.StartNew();
        string workerApp = folder.Combine("worker");
        string gatewayApp = folder.Combine("gateway");
        await PublishAsync("src/Worker/Worker.csproj", workerApp);
        output.WriteLine($"worker published in {clock.Elapsed.TotalSeconds:F0} s");
        await PublishAsync("src/Gateway/Gateway.csproj", gatewayApp);
        output.WriteLine($"gateway published in {clock.Elapsed.TotalSeconds:F0} s");

        int workerPort = FreePort.Next();
        using var worker = Start(Path.Combine(workerApp, "Gateway.Worker.dll"),
            ["--host", "127.0.0.1", "--port", workerPort.ToString(CultureInfo.InvariantCulture)],
            new()
            {
                ["Worker__Department"] = "it",
                ["Worker__Model"] = TestPackages.TinyFp32,
                ["Worker__AdminToken"] = "test-worker-token",
                ["Worker__IntraOpThreads"] = "1",
            });
        string workerAddress = $"http://127.0.0.1:{workerPort}";
        await WaitOkAsync(worker, new Uri(workerAddress + "/readyz"));
        output.WriteLine($"worker ready at {clock.Elapsed.TotalSeconds:F0} s");

        int gatewayPort = FreePort.Next();
        string config = folder.Combine("routing.json");
        File.WriteAllText(config, new JsonObject
        {
            ["mode"] = "container",
            ["departments"] = new JsonObject { ["it"] = new JsonObject { ["workers"] = new JsonArray(new JsonObject { ["address"] = workerAddress }) } },
            ["intent"] = new JsonObject { ["fallback"] = "it" },
            ["adminKey"] = new JsonObject { ["env"] = Repo.AdminKeyVariable },
            ["lifecycle"] = new JsonObject { ["registry"] = folder.Combine("models"), ["workerToken"] = new JsonObject { ["env"] = Repo.WorkerTokenVariable } },
            ["healthChecks"] = new JsonObject { ["intervalSeconds"] = 1, ["timeoutSeconds"] = 1 },
        }.ToJsonString());
        using var gateway = Start(Path.Combine(gatewayApp, "Gateway.dll"),
            ["--config", config, "--listen", $"http://127.0.0.1:{gatewayPort}"],
            new() { [Repo.AdminKeyVariable] = "test-admin-key", [Repo.WorkerTokenVariable] = "test-worker-token" });
        string gatewayAddress = $"http://127.0.0.1:{gatewayPort}";
        await WaitOkAsync(gateway, new Uri(gatewayAddress + "/readyz"));
        output.WriteLine($"gateway ready at {clock.Elapsed.TotalSeconds:F0} s");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var chat = await http.PostAsync(new Uri(gatewayAddress + "/v1/chat/completions"),
            new StringContent("""{"model":"it","messages":[{"role":"user","content":"hi"}],"max_tokens":2}""", Encoding.UTF8, "application/json"));
        Assert.True(chat.IsSuccessStatusCode, $"{chat.StatusCode}: {await chat.Content.ReadAsStringAsync()}\n{gateway.Output}");
        Assert.Equal("it", chat.Headers.GetValues("x-gateway-department").Single());

        // The admin API reaches the worker with the shared token (the worker lists its model to the token only).
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gatewayAddress + "/admin/departments"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "test-admin-key");
        using var departments = await http.SendAsync(request);
        Assert.True(departments.IsSuccessStatusCode, $"{departments.StatusCode}: {await departments.Content.ReadAsStringAsync()}");
        output.WriteLine($"done in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task PublishAsync(string project, string outputFolder)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repo.Root };
        foreach (string arg in new[] { "publish", project, "-c", "Release", "-o", outputFolder, "-nologo", "-v", "quiet" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish {project} took over {PublishTimeout}");
        }

        Assert.True(process.ExitCode == 0, $"dotnet publish {project} failed:\n{await stdout}\n{await stderr}");
    }

    private static ChildProcess Start(string assembly, string[] args, Dictionary<string, string> environment)
    {
        Assert.True(File.Exists(assembly), $"{assembly} is not in the publish folder");
        return ChildProcess.StartAssembly(assembly, args, environment);
    }

    private static async Task WaitOkAsync(ChildProcess process, Uri url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(process.HasExited, $"{url.Authority} exited:\n{process.Output}");
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{url} never answered 200:\n{process.Output}");
    }
}
