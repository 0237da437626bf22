using Gateway.ModelKit.Llama;

namespace Gateway.Training;

/// <summary>
/// Model sizes to train from scratch: the model kit's presets plus "department", the default shape of a
/// department model (defined here, not in the model kit): hidden 256, 4 layers, 8 heads of 32 with 2 kv heads,
/// SwiGLU width 704 (2.75×), a 1024-token context, tied embeddings.
/// </summary>
public static class TrainingPresets
{
    public const string Department = "department";

    public static IReadOnlyList<string> Names { get; } = [Department, .. LlamaPresets.Names];

    public static LlamaConfig Create(string preset, int vocabSize) => preset switch
    {
        Department => new LlamaConfig
        {
            VocabSize = vocabSize, HiddenSize = 256, IntermediateSize = 704, NumLayers = 4,
            NumHeads = 8, NumKvHeads = 2, HeadDim = 32, MaxPositions = 1024, TieEmbeddings = true,
        },
        _ => LlamaPresets.Create(preset, vocabSize),
    };

    /// <summary>Vocabulary to train with --vocab-from.</summary>
    public static int DefaultVocabSize(string preset) => preset == Department ? 4096 : LlamaPresets.DefaultVocabSize(preset);
}
