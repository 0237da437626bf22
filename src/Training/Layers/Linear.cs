using Gateway.Training.Kernels;

namespace Gateway.Training.Layers;

/// <summary>y = x · Wᵀ with W in Hugging Face layout [out, in]; no bias (Llama has none).</summary>
internal static class Linear
{
    /// <param name="weightT">W transposed, [in, out] (see <see cref="MatMul.Transposed"/>), reused by every call of a step.</param>
    public static void Forward(float[] x, float[] weightT, float[] y, int rows, int inDim, int outDim) =>
        MatMul.Multiply(x, weightT, y, rows, inDim, outDim);

    /// <summary>dx (+)= dy · W and dW += dyᵀ · x.</summary>
    public static void Backward(float[] dy, float[] x, float[] weight, float[] dWeight, float[] dx, bool accumulateDx, int rows, int inDim, int outDim)
    {
        MatMul.Multiply(dy, weight, dx, rows, outDim, inDim, accumulateDx);
        var dyT = new float[outDim * rows];
        MatMul.Transpose(dy.AsSpan(0, rows * outDim), dyT, rows, outDim);
        MatMul.Multiply(dyT, x, dWeight, outDim, rows, inDim, accumulate: true);
    }
}
