using Gateway.Training.Kernels;

namespace Gateway.Training.Layers;

/// <summary>
/// Rotary embeddings in Hugging Face's rotate-half form, in place on [rows, heads·headDim]:
/// t' = t·cos + rotate_half(t)·sin with rotate_half([a, b]) = [−b, a]; tables from the model kit.
/// </summary>
internal static class Rope
{
    public static void Forward(float[] t, int[] positions, float[] cos, float[] sin, int rows, int heads, int headDim) =>
        Apply(t, positions, cos, sin, rows, heads, headDim, inverse: false);

    /// <summary>The transpose of the rotation (a rotation by −angle), which maps dt' to dt.</summary>
    public static void Backward(float[] dt, int[] positions, float[] cos, float[] sin, int rows, int heads, int headDim) =>
        Apply(dt, positions, cos, sin, rows, heads, headDim, inverse: true);

    private static void Apply(float[] t, int[] positions, float[] cos, float[] sin, int rows, int heads, int headDim, bool inverse)
    {
        int half = headDim / 2, width = heads * headDim;
        float sign = inverse ? -1f : 1f;
        RowChunks.For(rows, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                int table = positions[r] * headDim;
                for (int h = 0; h < heads; h++)
                {
                    int o = (r * width) + (h * headDim);
                    for (int i = 0; i < half; i++)
                    {
                        float a = t[o + i], b = t[o + i + half];
                        float c = cos[table + i], s = sign * sin[table + i];
                        t[o + i] = (a * c) - (b * s);
                        t[o + i + half] = (b * c) + (a * s);
                    }
                }
            }
        });
    }
}
