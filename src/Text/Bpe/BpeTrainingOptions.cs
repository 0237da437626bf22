namespace Gateway.Text.Bpe;

/// <summary>Settings for <see cref="BpeTrainer"/>.</summary>
public sealed record BpeTrainingOptions
{
    public const int MinVocabSize = 300;
    public const int MaxVocabSize = 65536;

    /// <summary>Target size including special tokens and the 256 byte symbols.</summary>
    public int VocabSize { get; init; } = 8192;

    /// <summary>A pair must occur at least this often (weighted by word counts) to be merged.</summary>
    public int MinFrequency { get; init; } = 2;

    /// <summary>Tokens that get the first ids, in this order, and are never split or learned from.</summary>
    public IReadOnlyList<string> SpecialTokens { get; init; } = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"];

    /// <summary>Throws <see cref="ArgumentException"/> when a setting cannot produce a usable tokenizer.</summary>
    public void Validate()
    {
        if (VocabSize is < MinVocabSize or > MaxVocabSize)
        {
            throw new ArgumentException($"VocabSize must be between {MinVocabSize} and {MaxVocabSize}, got {VocabSize}.");
        }

        if (MinFrequency < 1)
        {
            throw new ArgumentException($"MinFrequency must be at least 1, got {MinFrequency}.");
        }

        if (SpecialTokens.Count + 256 >= VocabSize)
        {
            throw new ArgumentException($"VocabSize {VocabSize} leaves no room for merges after {SpecialTokens.Count} special tokens and 256 bytes.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in SpecialTokens)
        {
            if (string.IsNullOrEmpty(token))
            {
                throw new ArgumentException("Special tokens must not be empty.");
            }

            // A one-character special token would collide with a byte symbol of the same spelling.
            if (token.Length == 1)
            {
                throw new ArgumentException($"Special token '{token}' must be longer than one character.");
            }

            if (!seen.Add(token))
            {
                throw new ArgumentException($"Special token '{token}' is listed twice.");
            }
        }
    }
}
