using System.Numerics.Tensors;
using Gateway.Training.Kernels;

namespace Gateway.Training.Layers;

/// <summary>y = x / sqrt(mean(x²) + eps) · w, per row, as the model kit's graph computes it.</summary>
internal static class RmsNorm
{
    /// <param name="inverseRms">Per row 1/sqrt(mean(x²)+eps), kept for the backward pass.</param>
    public static void Forward(float[] x, float[] weight, float[] y, float[] inverseRms, int rows, int dim, float eps)
    {
        RowChunks.For(rows, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                var row = x.AsSpan(r * dim, dim);
                float mean = TensorPrimitives.SumOfSquares(row) / dim;
                float inv = 1f / MathF.Sqrt(mean + eps);
                inverseRms[r] = inv;
                var output = y.AsSpan(r * dim, dim);
                TensorPrimitives.Multiply(row, inv, output);
                TensorPrimitives.Multiply(output, weight, output);
            }
        });
    }

    /// <summary>dx += ∂L/∂x and dWeight += ∂L/∂w, given dy.</summary>
    /// <remarks>With g = dy·w and r = 1/rms: dx = r·g − r³·x·mean(g·x); dw = Σ_rows dy·x·r.</remarks>
    public static void Backward(float[] dy, float[] x, float[] weight, float[] inverseRms, float[] dx, float[] dWeight, int rows, int dim)
    {
        RowChunks.For(rows, (start, end) =>
        {
            var g = new float[dim];
            for (int r = start; r < end; r++)
            {
                var xr = x.AsSpan(r * dim, dim);
                TensorPrimitives.Multiply(dy.AsSpan(r * dim, dim), weight, g);
                float inv = inverseRms[r];
                float mean = TensorPrimitives.Dot(g, xr) / dim;
                var dxr = dx.AsSpan(r * dim, dim);
                TensorPrimitives.MultiplyAdd(g, inv, dxr, dxr);
                TensorPrimitives.MultiplyAdd(xr, -inv * inv * inv * mean, dxr, dxr);
            }
        });

        // The weight gradient sums over rows: split by columns so each column is summed by one thread, in row order.
        int columnChunks = Math.Min(Environment.ProcessorCount * 2, Math.Max(1, dim / 32));
        int width = (dim + columnChunks - 1) / columnChunks;
        Parallel.For(0, (dim + width - 1) / width, chunk =>
        {
            int c0 = chunk * width, n = Math.Min(width, dim - c0);
            var tmp = new float[n];
            var dw = dWeight.AsSpan(c0, n);
            for (int r = 0; r < rows; r++)
            {
                TensorPrimitives.Multiply(dy.AsSpan((r * dim) + c0, n), x.AsSpan((r * dim) + c0, n), tmp);
                TensorPrimitives.MultiplyAdd(tmp, inverseRms[r], dw, dw);
            }
        });
    }
}
