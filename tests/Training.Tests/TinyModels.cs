using Gateway.ModelKit.Llama;
using Gateway.Training.Model;

namespace Gateway.Training.Tests;

/// <summary>Tiny decoders and sequences built at test time.</summary>
internal static class TinyModels
{
    public static LlamaConfig Config(bool tied = true, int vocab = 29) => new()
    {
        VocabSize = vocab, HiddenSize = 16, IntermediateSize = 24, NumLayers = 2,
        NumHeads = 4, NumKvHeads = 2, HeadDim = 4, MaxPositions = 32, RopeTheta = 10000f, TieEmbeddings = tied,
    };

    /// <summary>Two sequences, each with a prompt part (not counted) and an answer part (counted).</summary>
    public static IReadOnlyList<TrainingSequence> Sequences(int vocab = 29) =>
    [
        Sequence([1, 5, 9, 2, 7, 7, 3], promptLength: 3, vocab),
        Sequence([4, 4, 11, 20, 6, 1, 28, 13, 2], promptLength: 4, vocab),
    ];

    public static TrainingSequence Sequence(int[] tokens, int promptLength, int vocab = 29) =>
        new(tokens.Select(t => t % vocab).ToArray(), tokens.Select((_, i) => i >= promptLength).ToArray());
}
