using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;

namespace Gateway.ModelKit.Runtime;

/// <summary>What a caller must know to feed a decoder graph: I/O names, cache geometry and element type.</summary>
public sealed record DecoderShape(
    int NumLayers,
    int NumKvHeads,
    int HeadDim,
    int VocabSize,
    ElementType IoType,
    string InputIds = DecoderNames.InputIds,
    string AttentionMask = DecoderNames.AttentionMask,
    string? PositionIds = DecoderNames.PositionIds,
    string Logits = DecoderNames.Logits,
    string PastKeyPattern = DecoderNames.PastKeyPattern,
    string PastValuePattern = DecoderNames.PastValuePattern,
    string PresentKeyPattern = DecoderNames.PresentKeyPattern,
    string PresentValuePattern = DecoderNames.PresentValuePattern)
{
    public static DecoderShape From(LlamaConfig c, ElementType ioType = ElementType.Float) =>
        new(c.NumLayers, c.NumKvHeads, c.HeadDim, c.VocabSize, ioType);
}
