using Gateway.Grounding;

namespace Gateway.Worker.Hosting;

/// <summary>
/// One worker's settings, from the "Worker" configuration section: command line
/// (<c>--department it --model models/it/v7 --port 5102</c>), environment (<c>Worker__Department</c>) or appsettings.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    public string Department { get; set; } = "general";

    /// <summary>The model package folder to serve.</summary>
    public string Model { get; set; } = "";

    public int Port { get; set; } = 5100;

    /// <summary>Address to listen on: loopback by default; 0.0.0.0 in a container.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public string Device { get; set; } = "cpu";
    public long? GpuMemoryLimitBytes { get; set; }
    public bool FallbackToCpu { get; set; }
    public int IntraOpThreads { get; set; }
    public int InterOpThreads { get; set; }
    public bool AllowSpinning { get; set; } = true;
    public int MaxBatchSize { get; set; } = 8;
    public int MaxQueuedRequests { get; set; } = 64;
    public int DefaultMaxTokens { get; set; } = 512;

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;

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

    public static readonly Dictionary<string, string> CommandLineSwitches = new(StringComparer.Ordinal)
    {
        ["--department"] = $"{Section}:{nameof(Department)}",
        ["--model"] = $"{Section}:{nameof(Model)}",
        ["--port"] = $"{Section}:{nameof(Port)}",
        ["--host"] = $"{Section}:{nameof(Host)}",
        ["--device"] = $"{Section}:{nameof(Device)}",
        ["--max-batch"] = $"{Section}:{nameof(MaxBatchSize)}",
        ["--max-queue"] = $"{Section}:{nameof(MaxQueuedRequests)}",
        ["--threads"] = $"{Section}:{nameof(IntraOpThreads)}",
        ["--knowledge"] = $"{Section}:{nameof(Knowledge)}",
    };

    /// <summary>Throws with the setting's name when the worker cannot start with these options.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("Worker:Model (--model) must name a model package folder");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Worker:Port (--port) must be 0..65535, got {Port}");
        }

        if (MaxRequestBytes < 1024)
        {
            throw new ArgumentException("Worker:MaxRequestBytes must be at least 1024");
        }

        if (GroundingTopK is < 1 or > GroundingSettings.MaxTopK)
        {
            throw new ArgumentException($"Worker:GroundingTopK must be 1..{GroundingSettings.MaxTopK}, got {GroundingTopK}");
        }

        if (GroundingUnit is not null && RetrievalUnits.Parse(GroundingUnit) is null)
        {
            throw new ArgumentException($"Worker:GroundingUnit must be section or sentence, got '{GroundingUnit}'");
        }

        if (Grounding == true && string.IsNullOrWhiteSpace(Knowledge))
        {
            throw new ArgumentException("Worker:Grounding is true but no knowledge base is given (Worker:Knowledge, --knowledge)");
        }
    }
}
