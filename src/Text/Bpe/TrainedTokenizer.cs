namespace Gateway.Text.Bpe;

/// <summary>The result of <see cref="BpeTrainer.Train"/>: vocabulary, ranked merges and special tokens.</summary>
public sealed class TrainedTokenizer
{
    public const int DefaultModelMaxLength = 2048;
    public const string DefaultSystemMessage = "You are a helpful assistant.";

    private readonly Dictionary<string, int> _vocab;

    internal TrainedTokenizer(IReadOnlyList<string> tokens, IReadOnlyList<BpeMerge> merges, IReadOnlyList<string> specialTokens)
    {
        Tokens = tokens;
        Merges = merges;
        SpecialTokens = specialTokens;
        _vocab = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            _vocab.Add(tokens[id], id);
        }
    }

    /// <summary>Token text by id (byte-level spelling; special tokens verbatim).</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Token text to id, special tokens included.</summary>
    public IReadOnlyDictionary<string, int> Vocab => _vocab;

    /// <summary>Merges in rank order: earlier merges apply first when encoding.</summary>
    public IReadOnlyList<BpeMerge> Merges { get; }

    /// <summary>Special tokens; the one at index i has id i.</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    public int VocabSize => Tokens.Count;

    /// <summary>
    /// Writes tokenizer.json and tokenizer_config.json (Hugging Face format, as Qwen2 models ship them)
    /// into <paramref name="directory"/>, creating it if needed. Output is byte-identical for equal tokenizers.
    /// The ChatML chat template is written only when &lt;|im_start|&gt; and &lt;|im_end|&gt; are special tokens.
    /// </summary>
    public void Save(string directory, int modelMaxLength = DefaultModelMaxLength, string defaultSystemMessage = DefaultSystemMessage)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(modelMaxLength, 1);
        ArgumentNullException.ThrowIfNull(defaultSystemMessage);

        Directory.CreateDirectory(directory);
        TokenizerJsonWriter.Write(Path.Combine(directory, TokenizerFiles.TokenizerJson), this);
        TokenizerConfigWriter.Write(Path.Combine(directory, TokenizerFiles.TokenizerConfigJson), this, modelMaxLength, defaultSystemMessage);
    }
}
