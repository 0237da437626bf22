using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Gateway.Cli.Tests.Admin;

/// <summary>
/// The real gateway in local mode (as tests/Gateway.Tests/GatewayProcess.cs starts it, trimmed to what gw models
/// needs): departments hr and it, one worker each serving the tiny fp32 test package, and an admin key.
/// </summary>
public sealed class AdminGateway : IAsyncLifetime
{
    public const string AdminKey = "sk-test-admin";

    private ChildProcess? _process;

    public TemporaryDirectory Folder { get; } = new();
    public string Url { get; private set; } = "";
    public string Output => _process?.Output ?? "";

    /// <summary>gw models &lt;args&gt; --gateway &lt;this gateway&gt; --admin-key &lt;key&gt;.</summary>
    public GwResult GwWithKey(string? key, params string[] args) =>
        GwCli.Run(["models", .. args, "--gateway", Url, .. key is null ? Array.Empty<string>() : ["--admin-key", key]]);

    public GwResult Gw(params string[] args) => GwWithKey(AdminKey, args);

    public async Task InitializeAsync()
    {
        int port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        string package = TestPackages.TinyFp32;
        JsonObject Department() => new()
        {
            ["model"] = package,
            ["workers"] = new JsonArray(new JsonObject { ["port"] = FreePort.Next(), ["threads"] = 1, ["maxBatchSize"] = 4 }),
        };
        var config = new JsonObject
        {
            ["listen"] = Url,
            ["mode"] = "local",
            ["departments"] = new JsonObject { ["hr"] = Department(), ["it"] = Department() },
            ["intent"] = new JsonObject { ["model"] = Path.Combine(RepositoryRoot(), "models", "router", "v1"), ["threshold"] = 0.5, ["fallback"] = "it" },
            ["keys"] = new JsonArray(),
            ["healthChecks"] = new JsonObject { ["intervalSeconds"] = 1, ["timeoutSeconds"] = 1 },
            ["adminKey"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey))) },
        };
        string configPath = Folder.Combine("routing.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        _process = ChildProcess.StartDotnet("Gateway.dll", "--config", configPath, "--worker-assembly", Path.Combine(AppContext.BaseDirectory, "Gateway.Worker.dll"));
        await WaitReadyAsync(TimeSpan.FromSeconds(120));
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        Folder.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"the gateway exited:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(new Uri(Url), "/readyz"));
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

        throw new TimeoutException($"the gateway was not ready in {timeout}:\n{Output}");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }
}
