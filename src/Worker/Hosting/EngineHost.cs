using Gateway.Inference;
using Gateway.Inference.Chat;
using Gateway.Inference.Generation;
using Gateway.Inference.Models;
using Gateway.ModelKit.Grounding;
using Gateway.ModelKit.Packaging;
using Gateway.Worker.Grounding;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.Hosting;

/// <summary>
/// Owns the worker's engine: loads the package in the background (so /healthz answers at once),
/// warms it up, and only then reports ready. A package that cannot load stops the process with exit
/// code 1, so a supervisor sees the failure instead of a worker that never becomes ready.
/// </summary>
public sealed partial class EngineHost(IOptions<WorkerOptions> options, IHostApplicationLifetime lifetime, ILogger<EngineHost> logger)
    : IHostedService, IDisposable
{
    private readonly WorkerOptions _options = options.Value;
    private volatile LoadedWorkerModel? _model;
    private Task? _loading;

    public LoadedWorkerModel? Model => _model;
    public bool IsReady => _model is not null;
    public string Department => _options.Department;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(LoadAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _loading ?? Task.CompletedTask;

    public void Dispose() => _model?.Engine.Dispose();

    private async Task LoadAsync()
    {
        if (!TryLoadKnowledge(out var grounding))
        {
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var engine = InferenceEngine.Load(new EngineOptions
            {
                ModelDirectory = _options.Model, Device = _options.Device, GpuMemoryLimitBytes = _options.GpuMemoryLimitBytes,
                FallbackToCpu = _options.FallbackToCpu, IntraOpThreads = _options.IntraOpThreads, InterOpThreads = _options.InterOpThreads, AllowSpinning = _options.AllowSpinning,
                MaxBatchSize = _options.MaxBatchSize, MaxQueuedRequests = _options.MaxQueuedRequests, DefaultMaxTokens = _options.DefaultMaxTokens,
            }, _options.Department, warn: message => LogProviderFallback(logger, message));
            var prompter = ChatPrompter.Load(_options.Model, engine.Tokenizer);
            var loaded = new LoadedWorkerModel(engine, prompter, _options.Department, ReadVersion(_options.Model), TimeProvider.System.GetUtcNow().ToUnixTimeSeconds())
            {
                Grounding = grounding,
            };
            await WarmUpAsync(engine).ConfigureAwait(false);
            _model = loaded;
            LogReady(logger, _options.Department, loaded.Version, engine.Model.Provider.ToString(), TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is ModelLoadException or InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            LogLoadFailed(logger, e, _options.Model, e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    /// <summary>Loads and indexes the knowledge base, if one is set; false (logged) when it cannot be read.</summary>
    private bool TryLoadKnowledge(out KnowledgeGrounding? grounding)
    {
        grounding = null;
        if (string.IsNullOrWhiteSpace(_options.Knowledge))
        {
            return true;
        }

        try
        {
            grounding = new KnowledgeGrounding(KnowledgeBase.Load(_options.Knowledge), _options.Department, _options.GroundingTopK, _options.GroundingByDefault);
            LogKnowledge(logger, _options.Department, grounding.PassageCount, _options.Knowledge, _options.GroundingByDefault ? "on" : "off", _options.GroundingTopK);
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogKnowledgeFailed(logger, e, _options.Knowledge, e.Message);
            return false;
        }
    }

    private static async Task WarmUpAsync(InferenceEngine engine)
    {
        int token = engine.Tokenizer.BosTokenId ?? engine.Tokenizer.EosTokenIds.FirstOrDefault();
        await engine.GenerateCompleteAsync(new GenerationRequest { PromptTokens = [token, token], MaxTokens = 2, Sampling = SamplingOptions.Greedy })
            .ConfigureAwait(false);
    }

    private static string ReadVersion(string directory) =>
        File.Exists(Path.Combine(directory, PackageManifest.FileName))
            ? PackageManifest.Load(directory).Version
            : new DirectoryInfo(directory).Name;

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "worker {Department} ready: version {Version} on {Device} in {Milliseconds:F0} ms")]
    private static partial void LogReady(ILogger logger, string department, string version, string device, double milliseconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Critical, Message = "the worker cannot start with model {Model}: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string model, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information,
        Message = "worker {Department} knowledge base: {Passages} passages from {Folder}; grounding {State} by default, top {TopK}")]
    private static partial void LogKnowledge(ILogger logger, string department, int passages, string folder, string state, int topK);

    [LoggerMessage(EventId = 105, Level = LogLevel.Critical, Message = "the worker cannot start with knowledge base {Folder}: {Reason}")]
    private static partial void LogKnowledgeFailed(ILogger logger, Exception exception, string folder, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogProviderFallback(ILogger logger, string message);
}

/// <summary>What the endpoints serve from: the engine, its chat prompter, and the package's identity.</summary>
public sealed record LoadedWorkerModel(InferenceEngine Engine, ChatPrompter Prompter, string Department, string Version, long CreatedUnix)
{
    /// <summary>The department's indexed knowledge base; null when the worker serves without one.</summary>
    public KnowledgeGrounding? Grounding { get; init; }
}
