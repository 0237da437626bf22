namespace Gateway.ModelKit.Llama;

/// <summary>
/// Hugging Face stores linear weights [out, in]; the model kit's graphs store them [in, out] for MatMul.
/// One transpose serves both directions: writing a graph and reading its weights back for training.
/// </summary>
public static class LinearLayout
{
    public static float[] Transpose(float[] matrix, int rows, int cols)
    {
        var transposed = new float[matrix.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                transposed[((long)c * rows) + r] = matrix[((long)r * cols) + c];
            }
        }

        return transposed;
    }
}
