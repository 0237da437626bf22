namespace Gateway.Text.Bpe;

/// <summary>What a model package's tokenizer files say, as read by <see cref="TokenizerFiles.Load"/>.</summary>
/// <param name="Vocab">model.vocab: byte-level token text to id.</param>
/// <param name="Merges">model.merges in rank order.</param>
/// <param name="AddedTokens">Every added_tokens entry (content to id), special or not.</param>
/// <param name="SpecialTokens">The added tokens marked special.</param>
/// <param name="PreTokenizerPattern">The Split regex of the pre-tokenizer, or null when there is none.</param>
/// <param name="VocabSize">Highest id in vocab or added tokens, plus one: the embedding rows a model needs.</param>
/// <param name="BosTokenId">tokenizer_config bos_token resolved to an id, or null.</param>
/// <param name="EosTokenIds">tokenizer_config eos_token resolved to ids (empty when unset).</param>
/// <param name="PadTokenId">tokenizer_config pad_token resolved to an id, or null.</param>
/// <param name="ChatTemplate">The Jinja chat template, or null.</param>
/// <param name="ModelMaxLength">tokenizer_config model_max_length when it is a usable int, else null.</param>
public sealed record TokenizerDescription(
    IReadOnlyDictionary<string, int> Vocab,
    IReadOnlyList<BpeMerge> Merges,
    IReadOnlyDictionary<string, int> AddedTokens,
    IReadOnlyDictionary<string, int> SpecialTokens,
    string? PreTokenizerPattern,
    int VocabSize,
    int? BosTokenId,
    IReadOnlyList<int> EosTokenIds,
    int? PadTokenId,
    string? ChatTemplate,
    int? ModelMaxLength);
