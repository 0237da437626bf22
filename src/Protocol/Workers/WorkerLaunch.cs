using System.Globalization;

namespace Gateway.Protocol.Workers;

/// <summary>
/// Everything a gateway tells a worker it starts. <see cref="Arguments"/> renders the command line and
/// <see cref="Environment"/> the secrets (never on the command line); the worker reads both back, through
/// <see cref="WorkerSettings.CommandLineSwitches"/>, into the options of the same names. A null leaves that setting
/// to the worker's default, which the worker declares (the gateway does not restate it).
/// </summary>
public sealed record WorkerLaunch
{
    public required string Department { get; init; }

    /// <summary>The model package folder to serve, absolute.</summary>
    public required string Model { get; init; }

    public required int Port { get; init; }

    public string? Device { get; init; }
    public int? MaxBatchSize { get; init; }
    public int? IntraOpThreads { get; init; }
    public long? GpuMemoryLimitBytes { get; init; }

    /// <summary>The gateway's process id: the worker exits when it is gone.</summary>
    public int? ParentProcessId { get; init; }

    /// <summary>The knowledge-base folder, absolute; null serves without grounding (and the grounding settings below are unset).</summary>
    public string? Knowledge { get; init; }

    public int? GroundingTopK { get; init; }

    /// <summary>"section" or "sentence".</summary>
    public string? GroundingUnit { get; init; }

    /// <summary>Whether prompts are grounded by default.</summary>
    public bool? Grounding { get; init; }

    /// <summary>The shared secret of the worker's internal endpoints; passed in the environment only.</summary>
    public string? AdminToken { get; init; }

    /// <summary>The worker's command line after its assembly: a switch and a value for each setting that is set.</summary>
    public IEnumerable<string> Arguments()
    {
        foreach (var (setting, value) in CommandLine())
        {
            if (value is not null)
            {
                yield return setting.Argument;
                yield return value;
            }
        }
    }

    /// <summary>The environment variables the worker needs beside its command line: the secrets.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment()
    {
        if (AdminToken is not null)
        {
            yield return new(WorkerSettings.AdminToken.EnvironmentVariable, AdminToken);
        }
    }

    /// <summary>Names the worker without its secret (a record would print every property).</summary>
    public override string ToString() => $"{Department} worker on port {Port} serving {Model}";

    private IEnumerable<(WorkerSetting Setting, string? Value)> CommandLine() =>
    [
        (WorkerSettings.Department, Department),
        (WorkerSettings.Model, Model),
        (WorkerSettings.Port, Invariant(Port)),
        (WorkerSettings.Device, Device),
        (WorkerSettings.MaxBatchSize, Invariant(MaxBatchSize)),
        (WorkerSettings.IntraOpThreads, Invariant(IntraOpThreads)),
        (WorkerSettings.ParentProcessId, Invariant(ParentProcessId)),
        (WorkerSettings.GpuMemoryLimitBytes, Invariant(GpuMemoryLimitBytes)),
        (WorkerSettings.Knowledge, Knowledge),
        (WorkerSettings.GroundingTopK, Invariant(GroundingTopK)),
        (WorkerSettings.GroundingUnit, GroundingUnit),
        (WorkerSettings.Grounding, Grounding switch { true => "true", false => "false", null => null }),
    ];

    private static string? Invariant(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
