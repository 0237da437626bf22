using Gateway.Configuration;

namespace Gateway.Routing;

/// <summary>Loads the intent-model package routing.json names, at start and whenever it names another one.</summary>
internal sealed partial class IntentModelLoader(RoutingConfigStore configs, IntentClassifierHost host, ILogger<IntentModelLoader> logger) : IHostedService
{
    private string? _loaded;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Load(configs.Current);
        configs.Changed += Load;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        configs.Changed -= Load;
        return Task.CompletedTask;
    }

    private void Load(RoutingConfig config)
    {
        string? path = config.Intent.Model is null ? null : Path.GetFullPath(Path.Combine(config.BaseDirectory, config.Intent.Model));
        if (path == _loaded)
        {
            return;
        }

        if (path is null)
        {
            host.Swap(null);
            _loaded = null;
            LogNoIntentModel(logger, config.Intent.Fallback);
            return;
        }

        try
        {
            host.Swap(IntentPackageClassifier.Load(path));
            _loaded = path;
            LogLoaded(logger, path, host.Current!.Version);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException or InvalidOperationException)
        {
            // Keep whatever was serving: a broken intent package must not stop routing.
            LogFailed(logger, path, e.Message);
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "intent model {Path} loaded (version {Version})")]
    private static partial void LogLoaded(ILogger logger, string path, string version);

    [LoggerMessage(EventId = 401, Level = LogLevel.Error, Message = "intent model {Path} cannot be loaded, keeping the previous one: {Reason}")]
    private static partial void LogFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "no intent model configured: every 'auto' request goes to {Fallback}")]
    private static partial void LogNoIntentModel(ILogger logger, string fallback);
}
