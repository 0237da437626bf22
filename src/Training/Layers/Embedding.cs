namespace Gateway.Training.Layers;

/// <summary>Token embedding lookup: row t of the table per token.</summary>
internal static class Embedding
{
    public static void Forward(float[] table, int[] tokens, float[] x, int dim)
    {
        for (int n = 0; n < tokens.Length; n++)
        {
            Array.Copy(table, tokens[n] * dim, x, n * dim, dim);
        }
    }

    /// <summary>Scatter-adds dx into the table's gradient, in token order (deterministic).</summary>
    public static void Backward(float[] dx, int[] tokens, float[] dTable, int dim)
    {
        for (int n = 0; n < tokens.Length; n++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dTable.AsSpan(tokens[n] * dim, dim), dx.AsSpan(n * dim, dim), dTable.AsSpan(tokens[n] * dim, dim));
        }
    }
}
