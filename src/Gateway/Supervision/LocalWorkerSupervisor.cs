using Gateway.Configuration;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Gateway.Supervision;

/// <summary>
/// Local mode: starts every department's workers as child processes of the built worker, restarts one
/// that dies with exponential backoff (Polly), and stops them all when the gateway stops. Workers are
/// also told the gateway's process id, so they exit by themselves if the gateway is killed outright.
/// </summary>
public sealed partial class LocalWorkerSupervisor(
    RoutingConfigStore configs, IOptions<SupervisorOptions> options, IActiveVersions lifecycle, WorkerTokens tokens,
    TimeProvider clock, ILogger<LocalWorkerSupervisor> logger) : BackgroundService
{
    private readonly List<WorkerChild> _children = [];

    public IReadOnlyList<WorkerChild> Children
    {
        get
        {
            lock (_children)
            {
                return [.. _children];
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = configs.Current;
        if (!config.IsLocal)
        {
            return Task.CompletedTask;
        }

        string assembly = options.Value.ResolveWorkerAssembly(config.BaseDirectory);
        if (!File.Exists(assembly))
        {
            LogMissingWorker(logger, assembly);
            return Task.CompletedTask;
        }

        var runs = new List<Task>();
        foreach (var (department, settings) in config.Departments)
        {
            string configured = Path.GetFullPath(Path.Combine(config.BaseDirectory, settings.Model!));
            string dept = department;
            var grounding = settings.Grounding is { } g ? g with { Knowledge = g.ResolveKnowledge(config.BaseDirectory) } : null;
            foreach (var worker in settings.Workers)
            {
                // A restarted worker serves the version activated since, not the one routing.json started with.
                var child = new WorkerChild(department, worker, () => lifecycle.ActivePath(dept) ?? configured, assembly, tokens.Current, logger, grounding, clock);
                lock (_children)
                {
                    _children.Add(child);
                }

                runs.Add(SuperviseAsync(child, stoppingToken));
            }
        }

        return Task.WhenAll(runs);
    }

    private async Task SuperviseAsync(WorkerChild child, CancellationToken stoppingToken)
    {
        var restarts = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<WorkerExitedException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Value.FirstRestartDelay,
                MaxDelay = options.Value.MaxRestartDelay,
                OnRetry = args =>
                {
                    LogRestarting(logger, child.Name, args.RetryDelay.TotalSeconds, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One pipeline run per stable period: a worker that stayed up a minute starts its backoff afresh.
                await restarts.ExecuteAsync(async token => await child.RunUntilExitAsync(token).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Starts one more supervised worker for a department outside routing.json (a canary) on a free port;
    /// it runs until the returned handle is disposed or the gateway stops.
    /// </summary>
    public ExtraWorker StartExtraWorker(string department, string package)
    {
        var config = configs.Current;
        string assembly = options.Value.ResolveWorkerAssembly(config.BaseDirectory);
        var template = config.Departments[department].Workers[0];
        var worker = template with { Port = FreePort(), Address = null };
        var grounding = config.Departments[department].Grounding is { } g ? g with { Knowledge = g.ResolveKnowledge(config.BaseDirectory) } : null;
        var child = new WorkerChild(department, worker, () => package, assembly, tokens.Current, logger, grounding, clock);
        var stop = new CancellationTokenSource();
        lock (_children)
        {
            _children.Add(child);
        }

        _ = SuperviseAsync(child, stop.Token);
        return new ExtraWorker(worker.BaseAddress, () =>
        {
            stop.Cancel();
            child.Stop();
            stop.Dispose();
            lock (_children)
            {
                _children.Remove(child);
            }
        });
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var child in Children)
        {
            child.Stop();
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Critical, Message = "local mode cannot start workers: {Assembly} is not built (run dotnet build src/Worker, or set Supervisor:WorkerAssembly)")]
    private static partial void LogMissingWorker(ILogger logger, string assembly);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "worker {Worker} exited; restart {Attempt} in {Seconds:F1} s")]
    private static partial void LogRestarting(ILogger logger, string worker, double seconds, int attempt);
}

/// <summary>A worker started beside routing.json's (a canary); disposing it stops the process.</summary>
public sealed class ExtraWorker(Uri address, Action stop) : IDisposable
{
    public Uri Address { get; } = address;

    public void Dispose() => stop();
}

/// <summary>Thrown when a supervised worker process ends while the gateway still wants it: Polly retries on it.</summary>
public sealed class WorkerExitedException(string message) : Exception(message);
