using Gateway.Configuration;
using Gateway.ModelKit.Packaging;
using Gateway.Protocol.Admin;
using Gateway.Supervision;

namespace Gateway.Lifecycle;

/// <summary>
/// Registers, validates, activates and rolls back department model versions. Activation reaches every
/// worker of the department (each loads beside its running version and switches with no failed request);
/// the registry records the outcome and every step goes to the audit log.
/// </summary>
public sealed class ModelLifecycle(RoutingConfigStore configs, ModelRegistry registry, WorkerModelClient workers) : IActiveVersions
{
    private readonly SemaphoreSlim _changes = new(1, 1);

    /// <summary>Records the versions routing.json starts with, so a fresh registry knows what is active.</summary>
    public void Bootstrap()
    {
        var config = configs.Current;
        foreach (var (department, settings) in config.Departments.Where(d => d.Value.Model is not null))
        {
            string path = Path.GetFullPath(Path.Combine(config.BaseDirectory, settings.Model!));
            string version = PackageManifest.VersionOf(path);
            registry.Update(state =>
            {
                var entry = state.Departments.TryGetValue(department, out var existing) ? existing : state.Departments[department] = new DepartmentVersions();
                entry.Versions.TryAdd(version, new RegisteredVersion { Path = path, Registered = registry.Now, Status = "validated", Reason = "from routing.json" });

                // An active version whose folder is gone (deleted, or a checkout that moved on) cannot serve: routing.json's can.
                if (entry.Active is null || !entry.Versions.TryGetValue(entry.Active, out var active) || !Directory.Exists(active.Path))
                {
                    entry.Active = version;
                }

                return 0;
            });
        }
    }

    /// <summary>The package folder workers should serve for a department: the registry's active version, else routing.json's.</summary>
    public string? ActivePath(string department)
    {
        var entry = registry.Department(department);
        return entry?.Active is { } active && entry.Versions.TryGetValue(active, out var version) ? version.Path : null;
    }

    public async Task<RegisteredVersion> RegisterAsync(string department, string path, string actor, CancellationToken cancellationToken)
    {
        RequireDepartment(department);
        string full = Path.GetFullPath(Path.Combine(configs.Current.BaseDirectory, path));
        if (!Directory.Exists(full))
        {
            throw Audited(actor, "register", department, null, 422, $"package folder '{full}' does not exist");
        }

        string version = PackageManifest.VersionOf(full);
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (passed, reason) = ValidationGate.Check(full, ActivePath(department), configs.Current.Lifecycle);
            var registered = new RegisteredVersion { Path = full, Registered = registry.Now, Status = passed ? "validated" : "refused", Reason = reason };
            registry.Update(state =>
            {
                var entry = state.Departments.TryGetValue(department, out var existing) ? existing : state.Departments[department] = new DepartmentVersions();
                if (entry.Active == version)
                {
                    throw new LifecycleException(409, $"{department} version {version} is active; register a new version under another name");
                }

                entry.Versions[version] = registered;
                return 0;
            });
            registry.Audit(actor, "register", department, version, registered.Status, reason);
            return registered;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Validates (if not yet), then switches every worker of the department to the version.</summary>
    public async Task<ActivationResult> ActivateAsync(string department, string version, string actor, CancellationToken cancellationToken, string action = "activate")
    {
        RequireDepartment(department);
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = registry.Department(department) ?? throw Audited(actor, action, department, version, 404, $"{department} has no registered versions");
            if (!entry.Versions.TryGetValue(version, out var registered))
            {
                throw Audited(actor, action, department, version, 404, $"{department} has no version {version} (registered: {string.Join(", ", entry.Versions.Keys)})");
            }

            if (registered.Status != "validated")
            {
                throw Audited(actor, action, department, version, 422, $"{department} version {version} did not pass validation: {registered.Reason}");
            }

            var results = new List<WorkerActivation>();
            foreach (var worker in configs.Current.Departments[department].Workers)
            {
                var (ok, detail) = await workers.ActivateAsync(worker.BaseAddress, registered.Path, cancellationToken).ConfigureAwait(false);
                results.Add(new WorkerActivation(worker.BaseAddress.ToString(), ok, detail));
            }

            if (results.Any(r => !r.Ok))
            {
                string failed = string.Join("; ", results.Where(r => !r.Ok).Select(r => $"{r.Worker}: {r.Detail}"));
                registry.Audit(actor, action, department, version, "failed", failed);
                throw new LifecycleException(502, $"activation of {department} {version} failed on {results.Count(r => !r.Ok)} of {results.Count} workers: {failed}");
            }

            string? previous = registry.Update(state =>
            {
                var current = state.Departments[department];
                string? old = current.Active;
                if (action == "rollback" && current.History.Count > 0)
                {
                    current.History.RemoveAt(current.History.Count - 1);
                }
                else if (old is not null && old != version)
                {
                    current.History.Add(old);
                }

                current.Active = version;
                return old;
            });
            registry.Audit(actor, action, department, version, "ok", $"previous {previous ?? "none"}; {results.Count} workers switched");
            return new ActivationResult(department, version, previous) { Workers = results };
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Returns the department to the version active before the current one.</summary>
    public Task<ActivationResult> RollbackAsync(string department, string actor, CancellationToken cancellationToken)
    {
        RequireDepartment(department);
        var entry = registry.Department(department);
        string target = entry?.History.LastOrDefault() ?? throw Audited(actor, "rollback", department, null, 409, $"{department} has no earlier version to roll back to");
        return ActivateAsync(department, target, actor, cancellationToken, action: "rollback");
    }

    private void RequireDepartment(string department)
    {
        if (!configs.Current.Departments.ContainsKey(department))
        {
            throw new LifecycleException(404, $"no department '{department}' (have: {string.Join(", ", configs.Current.Departments.Keys)})");
        }
    }

    private LifecycleException Audited(string actor, string action, string department, string? version, int status, string reason)
    {
        registry.Audit(actor, action, department, version, "refused", reason);
        return new LifecycleException(status, reason);
    }
}
