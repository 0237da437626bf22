using Gateway.Protocol.Workers;

namespace Gateway.Configuration;

/// <summary>
/// routing.json, parsed and validated: an immutable snapshot. A reload builds a new one and swaps a
/// single reference, so a request always sees one consistent configuration. Each field's default is declared
/// here, on its record, and <see cref="RoutingConfigLoader"/> takes it from there.
/// </summary>
public sealed record RoutingConfig
{
    public const string DefaultListen = "http://127.0.0.1:8080";
    public const string DefaultMode = "local";

    /// <summary>The workers' default: a default gateway forwards no body that a default worker refuses.</summary>
    public const long DefaultMaxRequestBytes = WorkerDefaults.MaxRequestBytes;

    public required string Listen { get; init; }
    public required long MaxRequestBytes { get; init; }

    /// <summary>"local": the gateway starts the workers; "container": workers run elsewhere at their addresses.</summary>
    public required string Mode { get; init; }

    public required IReadOnlyDictionary<string, DepartmentConfig> Departments { get; init; }
    public required IntentConfig Intent { get; init; }
    public required IReadOnlyList<ApiKeyConfig> Keys { get; init; }
    public string? AdminKeySha256 { get; init; }
    public required HealthCheckConfig HealthChecks { get; init; }
    public LifecycleConfig Lifecycle { get; init; } = new();

    /// <summary>The folder routing.json lives in: relative model paths resolve against it.</summary>
    public required string BaseDirectory { get; init; }

    public bool IsLocal => Mode == "local";
    public bool IsOpen => Keys.Count == 0;

    /// <summary>The department a name refers to: the department itself or one of its aliases (case-insensitive).</summary>
    public string? ResolveDepartment(string name)
    {
        foreach (var (department, config) in Departments)
        {
            if (string.Equals(department, name, StringComparison.OrdinalIgnoreCase)
                || config.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)))
            {
                return department;
            }
        }

        return null;
    }
}

public sealed record DepartmentConfig
{
    /// <summary>Model package folder (local mode), absolute or relative to routing.json.</summary>
    public string? Model { get; init; }

    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required IReadOnlyList<WorkerConfig> Workers { get; init; }

    /// <summary>The department's knowledge base for grounded answers; null serves without one.</summary>
    public GroundingConfig? Grounding { get; init; }
}

/// <summary>
/// A worker: in local mode a port (and how it runs) the gateway starts it on; in container mode an address. Device,
/// memory limit, batch size and threads left unset get the worker's defaults: the gateway does not restate them.
/// </summary>
public sealed record WorkerConfig
{
    public int? Port { get; init; }
    public string? Address { get; init; }
    public string? Device { get; init; }
    public long? GpuMemoryLimitBytes { get; init; }
    public int? MaxBatchSize { get; init; }
    public int? Threads { get; init; }

    /// <summary>Where the gateway reaches it: its address, or in local mode the port on the host a worker listens on by default.</summary>
    public Uri BaseAddress => Address is not null ? new Uri(Address) : new Uri($"http://{WorkerDefaults.Host}:{Port}");
}

public sealed record IntentConfig
{
    /// <summary>The intent-model package folder; null routes every "auto" request to the fallback.</summary>
    public string? Model { get; init; }

    public const double DefaultThreshold = 0.5;

    public double Threshold { get; init; } = DefaultThreshold;
    public required string Fallback { get; init; }
}

/// <summary>An API key, stored as the sha256 of the secret; pinned to departments when the list is not empty.</summary>
public sealed record ApiKeyConfig
{
    public required string Name { get; init; }
    public required string Sha256 { get; init; }
    public IReadOnlyList<string> Departments { get; init; } = [];
    public const int DefaultRequestsPerMinute = 600;

    public int RequestsPerMinute { get; init; } = DefaultRequestsPerMinute;

    public bool Allows(string department) => Departments.Count == 0 || Departments.Contains(department, StringComparer.Ordinal);
}

public sealed record HealthCheckConfig
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    public TimeSpan Interval { get; init; } = DefaultInterval;
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
}

/// <summary>Model lifecycle: where the registry lives, the evaluation gate, and the token the gateway uses on its workers.</summary>
public sealed record LifecycleConfig
{
    public const string DefaultRegistry = "models";
    public const double DefaultMaxRecallDrop = 0.05;

    /// <summary>Folder of registry.json and audit.jsonl, relative to routing.json.</summary>
    public string Registry { get; init; } = DefaultRegistry;

    /// <summary>A candidate's key-fact recall may be at most this much below the active version's.</summary>
    public double MaxRecallDrop { get; init; } = DefaultMaxRecallDrop;

    /// <summary>Refuse a candidate that carries no evaluation results while the active version has some.</summary>
    public bool RequireEval { get; init; }

    /// <summary>Container mode: sha256-free shared secret for the workers' internal endpoints (local mode makes its own).</summary>
    public string? WorkerToken { get; init; }
}
