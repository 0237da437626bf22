namespace Gateway.ModelKit.Llama;

/// <summary>Named model sizes for <c>gw model new</c>. The vocabulary comes from the tokenizer.</summary>
public static class LlamaPresets
{
    public static IReadOnlyList<string> Names { get; } = ["tiny", "small"];

    /// <summary>Default vocabulary size to train when the preset builds its own tokenizer.</summary>
    public static int DefaultVocabSize(string preset) => preset switch
    {
        "tiny" => 1024,
        "small" => 8192,
        _ => throw UnknownPreset(preset),
    };

    public static LlamaConfig Create(string preset, int vocabSize) => preset switch
    {
        // Tiny: a few hundred thousand parameters; builds in well under 2 s, for tests.
        "tiny" => new LlamaConfig
        {
            VocabSize = vocabSize, HiddenSize = 64, IntermediateSize = 176, NumLayers = 2,
            NumHeads = 4, NumKvHeads = 2, HeadDim = 16, MaxPositions = 1024, TieEmbeddings = true,
        },
        // Small: a real (if little) SLM shape for the embedded defaults and benchmarks.
        "small" => new LlamaConfig
        {
            VocabSize = vocabSize, HiddenSize = 256, IntermediateSize = 704, NumLayers = 6,
            NumHeads = 8, NumKvHeads = 2, HeadDim = 32, MaxPositions = 2048, TieEmbeddings = true,
        },
        _ => throw UnknownPreset(preset),
    };

    private static ArgumentException UnknownPreset(string preset) =>
        new($"unknown preset '{preset}': expected one of {string.Join(", ", Names)}");
}
