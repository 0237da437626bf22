namespace Gateway.Inference.Models;

/// <summary>How an engine loads and runs one model package.</summary>
public sealed record EngineOptions
{
    /// <summary>The package folder (genai_config.json, model.onnx, tokenizer files).</summary>
    public required string ModelDirectory { get; init; }

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

    /// <summary>Sequences decoded together in one step; more waiting requests queue.</summary>
    public int MaxBatchSize { get; init; } = 8;

    /// <summary>Requests that may wait for a batch slot before new ones are refused as overloaded.</summary>
    public int MaxQueuedRequests { get; init; } = 64;

    /// <summary>Generated tokens when a request names no limit (always capped by the context length).</summary>
    public int DefaultMaxTokens { get; init; } = 512;

    public void Validate()
    {
        if (MaxBatchSize is < 1 or > 256)
        {
            throw new ArgumentException($"MaxBatchSize must be 1..256, got {MaxBatchSize}");
        }

        if (MaxQueuedRequests < 0 || IntraOpThreads < 0 || InterOpThreads < 0 || DefaultMaxTokens < 1)
        {
            throw new ArgumentException("MaxQueuedRequests and thread counts must not be negative, DefaultMaxTokens must be positive");
        }

        _ = ExecutionProvider.Parse(Device);
    }
}
