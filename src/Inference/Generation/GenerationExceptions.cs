namespace Gateway.Inference.Generation;

/// <summary>A request the engine refuses as malformed; <see cref="Parameter"/> names the offending field (OpenAI's "param").</summary>
public class InvalidGenerationRequestException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

/// <summary>The prompt does not leave room for one generated token in the model's context.</summary>
public sealed class ContextLengthExceededException(int promptTokens, int contextLength)
    : InvalidGenerationRequestException("messages",
        $"This model's maximum context length is {contextLength} tokens; the prompt has {promptTokens} tokens, leaving no room to generate")
{
    public int PromptTokens { get; } = promptTokens;
    public int ContextLength { get; } = contextLength;
}

/// <summary>Every batch slot is busy and the wait queue is full; the caller should retry later.</summary>
public sealed class EngineOverloadedException(int queued) : Exception($"the model is busy: {queued} requests are already waiting")
{
    public int Queued { get; } = queued;
}
