using System.Numerics.Tensors;
using Gateway.Training.Kernels;

namespace Gateway.Training.Layers;

/// <summary>
/// Softmax cross-entropy over rows of logits with a target per row, −1 for rows that do not count
/// (prompt tokens, padding): the loss mask. Turns the logits into their gradient in place.
/// </summary>
internal static class CrossEntropy
{
    /// <returns>The sum of the counted rows' losses (unscaled); logits become scale·(softmax − onehot), 0 on uncounted rows.</returns>
    public static double ForwardBackward(float[] logits, int[] targets, int targetOffset, int rows, int vocab, float scale)
    {
        var losses = new double[rows];
        RowChunks.For(rows, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                var row = logits.AsSpan(r * vocab, vocab);
                int target = targets[targetOffset + r];
                if (target < 0)
                {
                    row.Clear();
                    continue;
                }

                float max = TensorPrimitives.Max(row);
                TensorPrimitives.Subtract(row, max, row);
                float targetLogit = row[target];
                TensorPrimitives.Exp(row, row);
                float sum = TensorPrimitives.Sum(row);
                losses[r] = Math.Log(sum) - targetLogit;
                TensorPrimitives.Multiply(row, scale / sum, row);
                row[target] -= scale;
            }
        }, minRowsPerChunk: 4);
        double total = 0;
        foreach (double loss in losses)
        {
            total += loss;
        }

        return total;
    }
}
