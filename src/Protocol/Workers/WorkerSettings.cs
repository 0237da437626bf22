using System.Collections.Frozen;

namespace Gateway.Protocol.Workers;

/// <summary>
/// The worker settings that have names outside the worker process: the ones the gateway passes when it starts a worker
/// (<see cref="WorkerLaunch"/>), and those with a short switch that Dockerfiles, tests and people type. Declared here
/// once; the worker registers <see cref="CommandLineSwitches"/> and binds each <see cref="WorkerSetting.Name"/> to the
/// option property of that name.
/// </summary>
public static class WorkerSettings
{
    public static readonly WorkerSetting Department = new(nameof(Department), "--department");
    public static readonly WorkerSetting Model = new(nameof(Model), "--model");
    public static readonly WorkerSetting Port = new(nameof(Port), "--port");
    public static readonly WorkerSetting Host = new(nameof(Host), "--host");
    public static readonly WorkerSetting Device = new(nameof(Device), "--device");
    public static readonly WorkerSetting MaxBatchSize = new(nameof(MaxBatchSize), "--max-batch");
    public static readonly WorkerSetting MaxQueuedRequests = new(nameof(MaxQueuedRequests), "--max-queue");
    public static readonly WorkerSetting IntraOpThreads = new(nameof(IntraOpThreads), "--threads");
    public static readonly WorkerSetting GpuMemoryLimitBytes = new(nameof(GpuMemoryLimitBytes));
    public static readonly WorkerSetting ParentProcessId = new(nameof(ParentProcessId));
    public static readonly WorkerSetting Knowledge = new(nameof(Knowledge), "--knowledge");
    public static readonly WorkerSetting GroundingTopK = new(nameof(GroundingTopK));
    public static readonly WorkerSetting GroundingUnit = new(nameof(GroundingUnit));
    public static readonly WorkerSetting Grounding = new(nameof(Grounding));

    /// <summary>A secret: it travels in the environment only (<c>Worker__AdminToken</c>), never on a command line, where ps shows it.</summary>
    public static readonly WorkerSetting AdminToken = new(nameof(AdminToken));

    public static IReadOnlyList<WorkerSetting> All { get; } =
    [
        Department, Model, Port, Host, Device, MaxBatchSize, MaxQueuedRequests, IntraOpThreads, GpuMemoryLimitBytes, ParentProcessId,
        Knowledge, GroundingTopK, GroundingUnit, Grounding, AdminToken,
    ];

    /// <summary>Short switch → configuration key (<c>--max-batch</c> → <c>Worker:MaxBatchSize</c>), for the worker's AddCommandLine.</summary>
    public static FrozenDictionary<string, string> CommandLineSwitches { get; } =
        All.Where(s => s.Switch is not null).ToFrozenDictionary(s => s.Switch!, s => s.Key, StringComparer.Ordinal);

    /// <summary>The setting with this name, for messages that name it; one without a short switch when it is not listed here.</summary>
    public static WorkerSetting Named(string name) => All.FirstOrDefault(s => s.Name == name) ?? new WorkerSetting(name);
}
