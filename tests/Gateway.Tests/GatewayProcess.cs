using System.ClientModel;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Tests;

/// <summary>
/// The real gateway in local mode, on free loopback ports, starting real workers (hr, it, support) that
/// serve tiny packages built at test time, with the intent model committed in the repository.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    public const string AllKey = "sk-test-all";
    public const string HrBotKey = "sk-test-hr-bot";
    public const string LimitedKey = "sk-test-limited";
    public const int LimitedPerMinute = 3;
    public const string AdminKey = "sk-test-admin";

    private readonly ChildProcess _process;

    private GatewayProcess(ChildProcess process, Uri baseUrl, string configPath, TemporaryDirectory folder)
    {
        _process = process;
        BaseUrl = baseUrl;
        ConfigPath = configPath;
        Folder = folder;
    }

    public Uri BaseUrl { get; }
    public string ConfigPath { get; }
    public TemporaryDirectory Folder { get; }
    public string Output => _process.Output;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static Task<GatewayProcess> StartAsync(string? model = null, bool keys = true) =>
        StartAsync(port => Config(port, model ?? TestPackages.TinyLongContext, keys));

    /// <summary>Container mode: the gateway routes to workers already running at the given addresses.</summary>
    public static Task<GatewayProcess> StartContainerModeAsync(params string[] itWorkers) => StartAsync(port => new JsonObject
    {
        ["listen"] = $"http://127.0.0.1:{port}",
        ["mode"] = "container",
        ["departments"] = new JsonObject
        {
            ["it"] = new JsonObject { ["workers"] = new JsonArray(itWorkers.Select(a => (JsonNode)new JsonObject { ["address"] = a }).ToArray()) },
        },
        ["intent"] = new JsonObject { ["fallback"] = "it" },
        ["keys"] = new JsonArray(),
        ["healthChecks"] = new JsonObject { ["intervalSeconds"] = 1, ["timeoutSeconds"] = 1 },
    }, waitForReady: false);

    private static async Task<GatewayProcess> StartAsync(Func<int, JsonObject> makeConfig, bool waitForReady = true)
    {
        var folder = new TemporaryDirectory();
        int port = FreePort.Next();
        var config = makeConfig(port);
        string configPath = folder.Combine("routing.json");
        File.WriteAllText(configPath, config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var process = ChildProcess.StartDotnet("Gateway.dll", "--config", configPath, "--worker-assembly", Path.Combine(AppContext.BaseDirectory, "Gateway.Worker.dll"));
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"), configPath, folder);
        await gateway.WaitReadyAsync(TimeSpan.FromSeconds(90), waitForReady ? "/readyz" : "/healthz");
        return gateway;
    }

    public ChatClient Chat(string model = "auto", string key = AllKey) =>
        new(model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(BaseUrl, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(60) });

    public HttpRequestMessage Post(string path, string json, string? key = AllKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, path)) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    /// <summary>Pids of the worker processes the gateway started, by department, from its log.</summary>
    public int LatestWorkerPid(string department)
    {
        var matches = System.Text.RegularExpressions.Regex.Matches(Output, $@"\[{department}:\d+\] started \(pid (\d+)\)");
        return int.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public async Task WaitReadyAsync(TimeSpan timeout, string path = "/readyz")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the gateway exited:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUrl, path));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the gateway was not ready in {timeout}:\n{Output}");
    }

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
        Folder.Dispose();
    }

    private static JsonObject Config(int port, string model, bool keys)
    {
        JsonObject Department(params string[] aliases) => new()
        {
            ["model"] = model,
            ["aliases"] = new JsonArray(aliases.Select(a => (JsonNode)a).ToArray()),
            ["workers"] = new JsonArray(new JsonObject { ["port"] = FreePort.Next(), ["threads"] = 1, ["maxBatchSize"] = 4 }),
        };
        JsonObject Key(string name, string secret, int rpm, params string[] departments) => new()
        {
            ["name"] = name,
            ["sha256"] = Gateway.Configuration.RoutingConfigLoader.HashKey(secret),
            ["departments"] = new JsonArray(departments.Select(d => (JsonNode)d).ToArray()),
            ["requestsPerMinute"] = rpm,
        };
        return new JsonObject
        {
            ["listen"] = $"http://127.0.0.1:{port}",
            ["mode"] = "local",
            ["maxRequestBytes"] = 1024 * 1024,
            ["departments"] = new JsonObject { ["hr"] = Department("people"), ["it"] = Department("helpdesk"), ["support"] = Department("customer-support") },
            ["intent"] = new JsonObject { ["model"] = Path.Combine(RepositoryRoot(), "models", "router", "v1"), ["threshold"] = 0.5, ["fallback"] = "support" },
            ["keys"] = keys
                ? new JsonArray(Key("all", AllKey, 1_000_000), Key("hr-bot", HrBotKey, 10_000, "hr"), Key("limited", LimitedKey, LimitedPerMinute))
                : new JsonArray(),
            ["healthChecks"] = new JsonObject { ["intervalSeconds"] = 1, ["timeoutSeconds"] = 1 },
            ["adminKey"] = new JsonObject { ["sha256"] = Gateway.Configuration.RoutingConfigLoader.HashKey(AdminKey) },
            ["lifecycle"] = new JsonObject { ["maxRecallDrop"] = 0.05 },
        };
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }
}
