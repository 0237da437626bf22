using System.ClientModel;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Worker.Tests;

/// <summary>A real worker process on a free loopback port, serving a package built at test time.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly ChildProcess _process;

    private WorkerProcess(ChildProcess process, int port)
    {
        _process = process;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUrl { get; }
    public int ProcessId => _process.Id;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public string Output => _process.Output;

    public static async Task<WorkerProcess> StartAsync(string package, params string[] extraArgs)
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort.Next();
            var process = ChildProcess.StartDotnet("Gateway.Worker.dll",
                ["--department", "it", "--model", package, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "1", .. extraArgs]);
            var worker = new WorkerProcess(process, port);
            if (await worker.WaitReadyAsync(TimeSpan.FromSeconds(60)))
            {
                return worker;
            }

            string output = worker.Output;
            worker.Dispose();
            if (attempt == 2 || !output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"the worker did not become ready:\n{output}");
            }
        }
    }

    public ChatClient Chat(string model = "it") =>
        new(model, new ApiKeyCredential("test"), new OpenAIClientOptions { Endpoint = new Uri(BaseUrl, "/v1"), NetworkTimeout = TimeSpan.FromSeconds(60) });

    /// <summary>
    /// A client that really hangs up when a stream is abandoned. By default SocketsHttpHandler drains up to
    /// 1 MB for 2 s to reuse the connection, which looks to the server like a client still reading.
    /// </summary>
    public ChatClient HangingUpChat(string model = "it") =>
        new(model, new ApiKeyCredential("test"), new OpenAIClientOptions
        {
            Endpoint = new Uri(BaseUrl, "/v1"),
            Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 })),
        });

    public OpenAIClient Client() =>
        new(new ApiKeyCredential("test"), new OpenAIClientOptions { Endpoint = new Uri(BaseUrl, "/v1") });

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
    }

    private async Task<bool> WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri(BaseUrl, "/readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }
}
