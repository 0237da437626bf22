using Gateway.ModelKit.Runtime;

namespace Gateway.Inference.Models;

/// <summary>
/// How an engine runs a model, whichever package it is: every engine setting with its default and its range, declared
/// here only. The worker binds them from its <c>Worker</c> section; the gateway leaves the ones routing.json does not set
/// to these defaults.
/// </summary>
public record EngineSettings
{
    /// <summary>"cpu", or "cuda" / "cuda:N" for a GPU build (see <see cref="ExecutionProvider"/>).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Upper bound on the GPU memory ONNX Runtime's arena may take (CUDA only); null leaves the runtime's default.</summary>
    public long? GpuMemoryLimitBytes { get; init; }

    /// <summary>When the requested GPU provider cannot be loaded, run on CPU instead of failing.</summary>
    public bool FallbackToCpu { get; init; }

    /// <summary>Threads inside one operator (0: ONNX Runtime picks, usually the core count).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads across independent operators (0: ONNX Runtime picks).</summary>
    public int InterOpThreads { get; init; }

    /// <summary>
    /// Let ONNX Runtime's idle threads spin for work (its default): lowest latency on cores the worker
    /// has to itself; turn off where workers share few cores, since spinning threads steal them (bench/README.md).
    /// </summary>
    public bool AllowSpinning { get; init; } = true;

    /// <summary>Sequences decoded together in one step (1..<see cref="DecoderBatch.MaxSize"/>); more waiting requests queue.</summary>
    public int MaxBatchSize { get; init; } = 8;

    /// <summary>Requests that may wait for a batch slot before new ones are refused as overloaded.</summary>
    public int MaxQueuedRequests { get; init; } = 64;

    /// <summary>Generated tokens when a request names no limit (always capped by the context length).</summary>
    public int DefaultMaxTokens { get; init; } = 512;

    /// <summary>Every setting out of its range, by property name, with what it must be; empty when the engine can run with these.</summary>
    public IEnumerable<(string Setting, string Problem)> Problems()
    {
        if (!ExecutionProvider.TryParse(Device, out _))
        {
            yield return (nameof(Device), $"must be {ExecutionProvider.KnownDevices}, got '{Device}'");
        }

        if (GpuMemoryLimitBytes is < 1)
        {
            yield return (nameof(GpuMemoryLimitBytes), $"must be positive when set, got {GpuMemoryLimitBytes}");
        }

        if (IntraOpThreads < 0)
        {
            yield return (nameof(IntraOpThreads), $"must not be negative (0: ONNX Runtime picks), got {IntraOpThreads}");
        }

        if (InterOpThreads < 0)
        {
            yield return (nameof(InterOpThreads), $"must not be negative (0: ONNX Runtime picks), got {InterOpThreads}");
        }

        if (MaxBatchSize is < 1 or > DecoderBatch.MaxSize)
        {
            yield return (nameof(MaxBatchSize), $"must be 1..{DecoderBatch.MaxSize}, got {MaxBatchSize}");
        }

        if (MaxQueuedRequests < 0)
        {
            yield return (nameof(MaxQueuedRequests), $"must not be negative, got {MaxQueuedRequests}");
        }

        if (DefaultMaxTokens < 1)
        {
            yield return (nameof(DefaultMaxTokens), $"must be at least 1, got {DefaultMaxTokens}");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        foreach (var (setting, problem) in Problems())
        {
            throw new ArgumentException($"{setting} {problem}");
        }
    }
}
