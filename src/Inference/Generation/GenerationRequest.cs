namespace Gateway.Inference.Generation;

/// <summary>One generation: a tokenized prompt and how to continue it.</summary>
public sealed record GenerationRequest
{
    public required IReadOnlyList<int> PromptTokens { get; init; }
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>Most tokens to generate; null uses the engine default, both capped by the context left.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Strings that end generation; the matched text is not returned.</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Return each token's logprob and this many alternatives (0-20); null returns none.</summary>
    public int? TopLogprobs { get; init; }

    /// <summary>Keep generating past end-of-sequence tokens (vLLM's ignore_eos): for benchmarks that need a fixed length.</summary>
    public bool IgnoreEos { get; init; }

    /// <summary>Leave special tokens (e.g. "&lt;|im_end|&gt;") out of the text.</summary>
    public bool SkipSpecialTokens { get; init; } = true;

    public const int MaxStopStrings = 16;
    public const int MaxTopLogprobs = 20;
}
