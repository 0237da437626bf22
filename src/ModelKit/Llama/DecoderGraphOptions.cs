using Gateway.ModelKit.Onnx;

namespace Gateway.ModelKit.Llama;

/// <summary>How the decoder graph stores weights and exchanges tensors with its caller.</summary>
/// <param name="WeightType">Float, or Float16 to halve the file (weights are widened to fp32 inside the graph).</param>
/// <param name="IoType">Element type of logits and the KV cache inputs/outputs: Float, or Float16 as GPU exports use.</param>
public sealed record DecoderGraphOptions(ElementType WeightType = ElementType.Float, ElementType IoType = ElementType.Float)
{
    public static DecoderGraphOptions Default { get; } = new();

    public void Validate()
    {
        if (WeightType is not (ElementType.Float or ElementType.Float16) || IoType is not (ElementType.Float or ElementType.Float16))
        {
            throw new ArgumentException("weight and I/O types must be float32 or float16");
        }
    }
}
