using System.Diagnostics.CodeAnalysis;

namespace Gateway.Inference.Models;

/// <summary>How an engine loads and runs one model package: the package, and the <see cref="EngineSettings"/> it runs with.</summary>
public sealed record EngineOptions : EngineSettings
{
    public EngineOptions()
    {
    }

    /// <summary>The package at <paramref name="modelDirectory"/>, run with <paramref name="settings"/> (a worker's, for each version it loads).</summary>
    [SetsRequiredMembers]
    public EngineOptions(string modelDirectory, EngineSettings settings)
        : base(settings)
    {
        ModelDirectory = modelDirectory;
    }

    /// <summary>The package folder (genai_config.json, model.onnx, tokenizer files).</summary>
    public required string ModelDirectory { get; init; }
}
