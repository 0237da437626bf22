namespace Gateway.Inference.Generation;

/// <summary>
/// One step of a generation stream: the text this token completed (possibly empty while a character or a
/// possible stop string is held back), the token itself, and on the last update the finish reason and usage.
/// </summary>
public sealed record GenerationUpdate
{
    public string Text { get; init; } = "";
    public int? TokenId { get; init; }
    public TokenLogprob? Logprob { get; init; }
    public FinishReason? FinishReason { get; init; }
    public GenerationUsage? Usage { get; init; }
}

public enum FinishReason
{
    /// <summary>An end-of-sequence token or a stop string.</summary>
    Stop,

    /// <summary>The token limit or the context length.</summary>
    Length,
}

public sealed record GenerationUsage(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;
}

/// <summary>A chosen token's log probability under the model, with the most likely alternatives.</summary>
public sealed record TokenLogprob(int TokenId, float Logprob, IReadOnlyList<TopLogprob> Top);

public readonly record struct TopLogprob(int TokenId, float Logprob);
