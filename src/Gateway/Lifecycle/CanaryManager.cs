using Gateway.Configuration;
using Gateway.Protocol.Admin;
using Gateway.Supervision;

namespace Gateway.Lifecycle;

/// <summary>
/// Canaries: a second worker process serving a candidate version, which gets a configured share of its
/// department's traffic, sticky per user or conversation. Promote makes it the main version (every
/// worker swaps in process) and stops the canary; rollback just stops it.
/// </summary>
public sealed class CanaryManager(
    RoutingConfigStore configs, ModelRegistry registry, ModelLifecycle lifecycle, LocalWorkerSupervisor supervisor, WorkerStatusTracker status,
    TimeProvider clock)
{
    private readonly Dictionary<string, Canary> _canaries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>Raised when canaries start or stop, so the proxy's clusters follow.</summary>
    public event Action? Changed;

    public static string ClusterId(string department) => department + ".canary";

    public IReadOnlyDictionary<string, Uri> Destinations()
    {
        lock (_canaries)
        {
            return _canaries.ToDictionary(c => c.Key, c => c.Value.Worker.Address, StringComparer.Ordinal);
        }
    }

    /// <summary>The canary cluster for a request, or null: a stable hash of the sticky key picks the share.</summary>
    public string? ClusterFor(string department, string stickyKey)
    {
        Canary? canary;
        lock (_canaries)
        {
            canary = _canaries.GetValueOrDefault(department);
        }

        return canary is not null && Bucket(stickyKey) < canary.Percent ? ClusterId(department) : null;
    }

    public async Task<CanaryStarted> StartAsync(string department, string version, int percent, string actor, CancellationToken cancellationToken)
    {
        if (percent is < 1 or > 99)
        {
            throw new LifecycleException(400, "'percent' must be 1..99");
        }

        if (!configs.Current.IsLocal)
        {
            throw new LifecycleException(409, "canaries are started by the gateway in local mode; in container mode run a canary deployment and register its address");
        }

        var entry = registry.Department(department) ?? throw new LifecycleException(404, $"{department} has no registered versions");
        if (!entry.Versions.TryGetValue(version, out var registered) || registered.Status != "validated")
        {
            registry.Audit(actor, "canary", department, version, "refused", "not a validated version");
            throw new LifecycleException(422, $"{department} version {version} is not a validated version");
        }

        if (entry.Active == version)
        {
            throw new LifecycleException(409, $"{department} version {version} is already active");
        }

        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StopCanary(department);
            var worker = supervisor.StartExtraWorker(department, registered.Path);
            if (!await WaitReadyAsync(worker.Address, cancellationToken).ConfigureAwait(false))
            {
                worker.Dispose();
                registry.Audit(actor, "canary", department, version, "failed", "the canary worker did not become ready");
                throw new LifecycleException(502, $"the canary worker for {department} {version} did not become ready");
            }

            lock (_canaries)
            {
                _canaries[department] = new Canary(version, percent, worker);
            }

            registry.Update(state =>
            {
                state.Departments[department].Canary = version;
                state.Departments[department].CanaryPercent = percent;
                return 0;
            });
            Changed?.Invoke();
            registry.Audit(actor, "canary", department, version, "ok", $"{percent}% of traffic to {worker.Address}");
            return new CanaryStarted(department, version, percent, worker.Address.ToString());
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Makes the canary's version the department's active version and stops the canary.</summary>
    public async Task<ActivationResult> PromoteAsync(string department, string actor, CancellationToken cancellationToken)
    {
        string version = Current(department) ?? throw new LifecycleException(409, $"{department} has no canary to promote");
        var result = await lifecycle.ActivateAsync(department, version, actor, cancellationToken, action: "promote").ConfigureAwait(false);
        await StopAsync(department, actor, "promoted", cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Stops the canary; the main workers never changed, so this is the canary's rollback.</summary>
    public async Task<bool> StopAsync(string department, string actor, string reason, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string? version = Current(department);
            if (version is null)
            {
                return false;
            }

            StopCanary(department);
            registry.Update(state =>
            {
                state.Departments[department].Canary = null;
                state.Departments[department].CanaryPercent = 0;
                return 0;
            });
            Changed?.Invoke();
            registry.Audit(actor, "canary-stop", department, version, "ok", reason);
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    public string? Current(string department)
    {
        lock (_canaries)
        {
            return _canaries.GetValueOrDefault(department)?.Version;
        }
    }

    private void StopCanary(string department)
    {
        Canary? old;
        lock (_canaries)
        {
            _canaries.Remove(department, out old);
        }

        if (old is not null)
        {
            Changed?.Invoke(); // take it out of the proxy before the process goes
            old.Worker.Dispose();
        }
    }

    private async Task<bool> WaitReadyAsync(Uri worker, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(120);
        while (clock.GetUtcNow() < deadline)
        {
            if ((await status.ProbeAsync(worker, cancellationToken).ConfigureAwait(false)).Ready)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), clock, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>0..99 from FNV-1a over the key: stable across processes, so a user stays on one side.</summary>
    private static int Bucket(string key)
    {
        uint hash = 2166136261;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)(hash % 100);
    }

    private sealed record Canary(string Version, int Percent, ExtraWorker Worker);
}
