namespace Gateway.ModelKit.Runtime;

/// <summary>Keys and values per layer, each [batch, kv_heads, length, head_dim] in fp32.</summary>
public sealed record KvCache(float[][] Keys, float[][] Values, int Batch, int Length)
{
    public static KvCache Empty(DecoderShape shape, int batch) =>
        new(NewLayers(shape.NumLayers), NewLayers(shape.NumLayers), batch, 0);

    private static float[][] NewLayers(int layers) => Enumerable.Range(0, layers).Select(_ => Array.Empty<float>()).ToArray();
}
