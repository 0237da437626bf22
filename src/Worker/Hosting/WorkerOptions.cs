using System.Collections.Frozen;
using Gateway.Grounding;
using Gateway.Inference.Models;
using Gateway.Protocol.Workers;

namespace Gateway.Worker.Hosting;

/// <summary>
/// One worker's settings, from the "Worker" configuration section: command line
/// (<c>--department it --model models/it/v7 --port 5102</c>), environment (<c>Worker__Department</c>) or appsettings.
/// The names that travel between processes are declared in <see cref="WorkerSettings"/>; the defaults and ranges of the
/// worker's own settings here, those of the engine's in <see cref="EngineSettings"/>. Checked at start by
/// <see cref="WorkerOptionsValidator"/>.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = WorkerSetting.Section;

    public string Department { get; set; } = "general";

    /// <summary>The model package folder to serve.</summary>
    public string Model { get; set; } = "";

    public int Port { get; set; } = 5100;

    /// <summary>Address to listen on: loopback by default; 0.0.0.0 in a container.</summary>
    public string Host { get; set; } = WorkerDefaults.Host;

    /// <summary>
    /// How the engine runs each version this worker loads. Its settings sit in this same section, beside the worker's
    /// (<c>Worker__MaxBatchSize</c>, <c>--max-batch</c>, <c>Worker:Device</c>): the names deployments have always used.
    /// <see cref="WorkerHostingExtensions.AddWorkerOptions"/> binds them from there.
    /// </summary>
    public EngineSettings Engine { get; set; } = new();

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = WorkerDefaults.MaxRequestBytes;

    /// <summary>
    /// Shared secret for the internal model-swap endpoints (header x-worker-token), set by the gateway that
    /// manages this worker; without it those endpoints do not exist.
    /// </summary>
    public string? AdminToken { get; set; }

    /// <summary>The supervising gateway's process id: the worker exits when that process is gone (no orphans).</summary>
    public int? ParentProcessId { get; set; }

    /// <summary>Seconds a client is told to wait (Retry-After) when the worker is busy or loading.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The department's knowledge base (a folder of markdown); retrieved passages ground chat prompts.</summary>
    public string? Knowledge { get; set; }

    /// <summary>Passages put into a grounded prompt unless the request asks for another number; unset: as the model was trained.</summary>
    public int? GroundingTopK { get; set; }

    /// <summary>What a retrieved passage is, "section" or "sentence"; unset: as the model was trained (its manifest), else section.</summary>
    public string? GroundingUnit { get; set; }

    /// <summary>Whether chat prompts are grounded by default; unset means yes when a knowledge folder is given.</summary>
    public bool? Grounding { get; set; }

    /// <summary>Grounding is on by default: asked for, or left unset with a knowledge folder given.</summary>
    public bool GroundingByDefault => Grounding ?? !string.IsNullOrWhiteSpace(Knowledge);

    /// <summary>The worker's short switches (<c>--max-batch</c> → <c>Worker:MaxBatchSize</c>), as the gateway renders them.</summary>
    public static FrozenDictionary<string, string> CommandLineSwitches => WorkerSettings.CommandLineSwitches;
}
