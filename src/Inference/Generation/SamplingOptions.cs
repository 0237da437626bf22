namespace Gateway.Inference.Generation;

/// <summary>How the next token is chosen. Defaults give plain sampling at temperature 1; temperature 0 is greedy.</summary>
public sealed record SamplingOptions
{
    public static SamplingOptions Greedy { get; } = new() { Temperature = 0 };

    public float Temperature { get; init; } = 1f;
    public float TopP { get; init; } = 1f;

    /// <summary>Keep only the k most likely tokens; 0 keeps all.</summary>
    public int TopK { get; init; }

    /// <summary>Seed for reproducible sampling; null draws a fresh one per request.</summary>
    public long? Seed { get; init; }

    /// <summary>OpenAI presence penalty: subtracted once from every token already generated.</summary>
    public float PresencePenalty { get; init; }

    /// <summary>OpenAI frequency penalty: subtracted per occurrence in the generated text.</summary>
    public float FrequencyPenalty { get; init; }

    /// <summary>Hugging Face repetition penalty over prompt and output (1 = off): positive logits divided, negative multiplied.</summary>
    public float RepetitionPenalty { get; init; } = 1f;

    public bool IsGreedy => Temperature <= 0 || TopK == 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the OpenAI parameter that is out of range.</summary>
    public void Validate()
    {
        Check(Temperature is >= 0 and <= 2, "temperature", "must be between 0 and 2");
        Check(TopP is > 0 and <= 1, "top_p", "must be greater than 0 and at most 1");
        Check(TopK >= 0, "top_k", "must not be negative");
        Check(PresencePenalty is >= -2 and <= 2, "presence_penalty", "must be between -2 and 2");
        Check(FrequencyPenalty is >= -2 and <= 2, "frequency_penalty", "must be between -2 and 2");
        Check(RepetitionPenalty is > 0 and <= 10, "repetition_penalty", "must be greater than 0 and at most 10");
    }

    private static void Check(bool ok, string parameter, string rule)
    {
        if (!ok)
        {
            throw new InvalidGenerationRequestException(parameter, $"'{parameter}' {rule}");
        }
    }
}
