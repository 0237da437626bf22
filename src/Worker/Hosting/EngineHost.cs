using Gateway.Grounding;
using Gateway.Inference;
using Gateway.Inference.Generation;
using Gateway.Inference.Models;
using Gateway.ModelKit.Packaging;
using Gateway.Text.Chat;
using Gateway.Worker.Grounding;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.Hosting;

/// <summary>
/// Owns the worker's engine: loads the package in the background (so /healthz answers at once),
/// warms it up, and only then reports ready. A package that cannot load stops the process with exit
/// code 1, so a supervisor sees the failure instead of a worker that never becomes ready.
/// </summary>
public sealed partial class EngineHost(IOptions<WorkerOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<EngineHost> logger)
    : IHostedService, IDisposable
{
    private readonly WorkerOptions _options = options.Value;
    private readonly SemaphoreSlim _swapping = new(1, 1);
    private readonly List<LoadedWorkerModel> _retired = [];
    private readonly Dictionary<(RetrievalUnit Unit, int TopK), KnowledgeGrounding> _groundings = [];
    private readonly Dictionary<RetrievalUnit, KnowledgeBase> _knowledge = [];
    private LoadedWorkerModel? _model;
    private Task? _loading;

    /// <summary>The version new requests get; null while the first load runs.</summary>
    public LoadedWorkerModel? Model => Volatile.Read(ref _model);
    public bool IsReady => Model is not null;
    public string Department => _options.Department;

    /// <summary>Retired versions whose engines are not freed yet because requests still run on them.</summary>
    public int RetiredInUse
    {
        get
        {
            lock (_retired)
            {
                return _retired.Count(m => !m.IsFreed);
            }
        }
    }

    /// <summary>Leases the current version for one request; null while loading.</summary>
    public ModelLease? TryAcquire()
    {
        while (Volatile.Read(ref _model) is { } model)
        {
            if (model.TryLease())
            {
                return new ModelLease(model);
            }

            // Retired between the read and the lease: a swap just happened; take the new one.
        }

        return null;
    }

    /// <summary>
    /// Loads another package beside the running one, warms it up, and switches new requests to it in one
    /// step; requests in flight finish on the old version, which is freed after the last one. If loading
    /// fails, the old version keeps serving and the exception says why.
    /// </summary>
    public async Task<(LoadedWorkerModel Active, string? Previous, TimeSpan Took)> SwapAsync(string directory, CancellationToken cancellationToken)
    {
        await _swapping.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = clock.GetTimestamp();
            var next = await LoadModelAsync(directory, GroundingFor(directory)).ConfigureAwait(false);
            var previous = Interlocked.Exchange(ref _model, next);
            if (previous is not null)
            {
                previous.Retire();
                lock (_retired)
                {
                    _retired.RemoveAll(m => m.IsFreed);
                    _retired.Add(previous);
                }
            }

            LogSwapped(logger, _options.Department, previous?.Version, next.Version);
            return (next, previous?.Version, clock.GetElapsedTime(started));
        }
        finally
        {
            _swapping.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loading = Task.Run(LoadAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _loading ?? Task.CompletedTask;

    public void Dispose()
    {
        Interlocked.Exchange(ref _model, null)?.Retire();
        _swapping.Dispose();
    }

    private async Task LoadAsync()
    {
        KnowledgeGrounding? grounding;
        try
        {
            grounding = GroundingFor(_options.Model);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogKnowledgeFailed(logger, e, _options.Knowledge!, e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
            return;
        }

        try
        {
            var started = clock.GetTimestamp();
            var loaded = await LoadModelAsync(_options.Model, grounding).ConfigureAwait(false);
            Volatile.Write(ref _model, loaded);
            LogReady(logger, _options.Department, loaded.Version, loaded.Engine.Model.Provider.ToString(), clock.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is ModelLoadException or InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            LogLoadFailed(logger, e, _options.Model, e.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private async Task<LoadedWorkerModel> LoadModelAsync(string directory, KnowledgeGrounding? grounding)
    {
        var engine = InferenceEngine.Load(new EngineOptions(directory, _options.Engine), _options.Department, clock, warn: message => LogProviderFallback(logger, message));
        try
        {
            var prompter = ChatPrompter.Load(directory, engine.Tokenizer, clock);
            await WarmUpAsync(engine).ConfigureAwait(false);
            // The knowledge base belongs to the department; the version decides how it is cut and how much goes in.
            return new LoadedWorkerModel(engine, prompter, _options.Department, PackageManifest.VersionOf(directory), Path.GetFullPath(directory), clock.GetUtcNow())
            {
                Grounding = grounding,
            };
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A version's grounding (<see cref="GroundingSettings"/>), or null without a knowledge base. The knowledge base is
    /// read and indexed once per unit and shared by every version served with it.
    /// </summary>
    private KnowledgeGrounding? GroundingFor(string modelDirectory)
    {
        if (string.IsNullOrWhiteSpace(_options.Knowledge))
        {
            return null;
        }

        var settings = GroundingSettings.For(modelDirectory, RetrievalUnits.Parse(_options.GroundingUnit), _options.GroundingTopK);
        lock (_groundings)
        {
            if (_groundings.TryGetValue((settings.Unit, settings.TopK), out var known))
            {
                return known;
            }

            if (!_knowledge.TryGetValue(settings.Unit, out var knowledge))
            {
                _knowledge[settings.Unit] = knowledge = KnowledgeBase.Load(_options.Knowledge, settings.Unit);
                if (knowledge.UnmatchedQuestions > 0)
                {
                    LogStaleQuestions(logger, _options.Department, knowledge.UnmatchedQuestions, KnownQuestions.FileName);
                }
            }

            var grounding = new KnowledgeGrounding(knowledge, _options.Department, settings.TopK, _options.GroundingByDefault);
            _groundings[(settings.Unit, settings.TopK)] = grounding;
            LogKnowledge(logger, _options.Department, grounding.PassageCount, settings.Unit.Name(), knowledge.Questions, _options.Knowledge,
                _options.GroundingByDefault ? "on" : "off", settings.TopK, settings.Source);
            return grounding;
        }
    }

    private static async Task WarmUpAsync(InferenceEngine engine)
    {
        int token = engine.Tokenizer.BosTokenId ?? engine.Tokenizer.EosTokenIds.FirstOrDefault();
        await engine.GenerateCompleteAsync(new GenerationRequest { PromptTokens = [token, token], MaxTokens = 2, Sampling = SamplingOptions.Greedy })
            .ConfigureAwait(false);
    }


    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "worker {Department} ready: version {Version} on {Device} in {Milliseconds:F0} ms")]
    private static partial void LogReady(ILogger logger, string department, string version, string device, double milliseconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Critical, Message = "the worker cannot start with model {Model}: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string model, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "worker {Department} swapped {Previous} -> {Version}")]
    private static partial void LogSwapped(ILogger logger, string department, string? previous, string version);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information,
        Message = "worker {Department} knowledge base: {Passages} passages ({Unit}s) and {Questions} known questions from {Folder}; grounding {State} by default, top {TopK} ({Source})")]
    private static partial void LogKnowledge(ILogger logger, string department, int passages, string unit, int questions, string folder, string state, int topK, string source);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning,
        Message = "worker {Department} knowledge base: {Count} known questions quote text no passage holds any more; rerun gw kb questions to refresh {File}")]
    private static partial void LogStaleQuestions(ILogger logger, string department, int count, string file);

    [LoggerMessage(EventId = 105, Level = LogLevel.Critical, Message = "the worker cannot start with knowledge base {Folder}: {Reason}")]
    private static partial void LogKnowledgeFailed(ILogger logger, Exception exception, string folder, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogProviderFallback(ILogger logger, string message);
}
