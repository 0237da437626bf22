using System.Buffers;
using System.Numerics.Tensors;
using Gateway.Training.Kernels;

namespace Gateway.Training.Layers;

/// <summary>
/// Causal grouped-query attention over packed sequences: rows [start, end) of each sequence attend
/// to earlier rows of the same sequence only. q and o are [rows, heads·d], k and v [rows, kvHeads·d];
/// query head h reads kv head h / (heads / kvHeads). The backward pass recomputes the probabilities
/// from the saved log-sum-exp per row and head instead of keeping T×T matrices.
/// Work is split by (sequence, kv head), so each gradient element is summed by one thread in a fixed order.
/// </summary>
internal static class CausalAttention
{
    private const int Block = 64;

    /// <param name="lse">Out: log-sum-exp of the scaled scores, [rows, heads].</param>
    public static void Forward(float[] q, float[] k, float[] v, float[] o, float[] lse, int[] sequenceStarts, int heads, int kvHeads, int d)
    {
        int sequences = sequenceStarts.Length - 1, group = heads / kvHeads;
        float scale = 1f / MathF.Sqrt(d);
        Parallel.For(0, sequences * kvHeads, task =>
        {
            int s = task / kvHeads, g = task % kvHeads, start = sequenceStarts[s], t = sequenceStarts[s + 1] - start;
            var pool = ArrayPool<float>.Shared;
            float[] kT = pool.Rent(d * t), vg = pool.Rent(t * d), qh = pool.Rent(t * d), oh = pool.Rent(t * d), p = pool.Rent(Block * t);
            try
            {
                Gather(k, start, t, kvHeads * d, g * d, d, kT, transpose: true);
                Gather(v, start, t, kvHeads * d, g * d, d, vg, transpose: false);
                for (int h = g * group; h < (g + 1) * group; h++)
                {
                    Gather(q, start, t, heads * d, h * d, d, qh, transpose: false);
                    TensorPrimitives.Multiply(qh.AsSpan(0, t * d), scale, qh.AsSpan(0, t * d));
                    for (int i0 = 0; i0 < t; i0 += Block)
                    {
                        int rows = Math.Min(Block, t - i0), cols = i0 + rows;
                        MatMul.MultiplySerial(qh.AsSpan(i0 * d), d, kT, t, p, cols, rows, d, cols, accumulate: false);
                        for (int i = 0; i < rows; i++)
                        {
                            var row = p.AsSpan(i * cols, cols);
                            int visible = i0 + i + 1;
                            var live = row[..visible];
                            float max = TensorPrimitives.Max(live);
                            TensorPrimitives.Subtract(live, max, live);
                            TensorPrimitives.Exp(live, live);
                            float sum = TensorPrimitives.Sum(live);
                            TensorPrimitives.Multiply(live, 1f / sum, live);
                            row[visible..].Clear();
                            lse[((start + i0 + i) * heads) + h] = max + MathF.Log(sum);
                        }

                        MatMul.MultiplySerial(p, cols, vg, d, oh.AsSpan(i0 * d), d, rows, cols, d, accumulate: false);
                    }

                    Scatter(oh, start, t, heads * d, h * d, d, o, accumulate: false);
                }
            }
            finally
            {
                pool.Return(kT); pool.Return(vg); pool.Return(qh); pool.Return(oh); pool.Return(p);
            }
        });
    }

    /// <summary>dq, dk and dv are overwritten.</summary>
    public static void Backward(
        float[] q, float[] k, float[] v, float[] o, float[] lse, float[] dO, float[] dq, float[] dk, float[] dv,
        int[] sequenceStarts, int heads, int kvHeads, int d)
    {
        int sequences = sequenceStarts.Length - 1, group = heads / kvHeads;
        float scale = 1f / MathF.Sqrt(d);
        Parallel.For(0, sequences * kvHeads, task =>
        {
            int s = task / kvHeads, g = task % kvHeads, start = sequenceStarts[s], t = sequenceStarts[s + 1] - start;
            var pool = ArrayPool<float>.Shared;
            float[] kT = pool.Rent(d * t), kg = pool.Rent(t * d), vT = pool.Rent(d * t), qh = pool.Rent(t * d), doh = pool.Rent(t * d),
                oh = pool.Rent(t * d), dqh = pool.Rent(t * d), dkg = pool.Rent(t * d), dvg = pool.Rent(t * d),
                p = pool.Rent(Block * t), ds = pool.Rent(Block * t), blockT = pool.Rent(Block * t);
            try
            {
                Gather(k, start, t, kvHeads * d, g * d, d, kT, transpose: true);
                Gather(k, start, t, kvHeads * d, g * d, d, kg, transpose: false);
                Gather(v, start, t, kvHeads * d, g * d, d, vT, transpose: true);
                Array.Clear(dkg, 0, t * d);
                Array.Clear(dvg, 0, t * d);
                for (int h = g * group; h < (g + 1) * group; h++)
                {
                    Gather(q, start, t, heads * d, h * d, d, qh, transpose: false);
                    TensorPrimitives.Multiply(qh.AsSpan(0, t * d), scale, qh.AsSpan(0, t * d));
                    Gather(dO, start, t, heads * d, h * d, d, doh, transpose: false);
                    Gather(o, start, t, heads * d, h * d, d, oh, transpose: false);
                    for (int i0 = 0; i0 < t; i0 += Block)
                    {
                        int rows = Math.Min(Block, t - i0), cols = i0 + rows;

                        // P = exp(S − lse) on the causal part; dP = dO · Vᵀ; dS = P ∘ (dP − rowsum(dO ∘ O)).
                        MatMul.MultiplySerial(qh.AsSpan(i0 * d), d, kT, t, p, cols, rows, d, cols, accumulate: false);
                        MatMul.MultiplySerial(doh.AsSpan(i0 * d), d, vT, t, ds, cols, rows, d, cols, accumulate: false);
                        for (int i = 0; i < rows; i++)
                        {
                            int visible = i0 + i + 1;
                            var pr = p.AsSpan(i * cols, cols);
                            var dr = ds.AsSpan(i * cols, cols);
                            TensorPrimitives.Subtract(pr[..visible], lse[((start + i0 + i) * heads) + h], pr[..visible]);
                            TensorPrimitives.Exp(pr[..visible], pr[..visible]);
                            pr[visible..].Clear();
                            float delta = TensorPrimitives.Dot(doh.AsSpan((i0 + i) * d, d), oh.AsSpan((i0 + i) * d, d));
                            TensorPrimitives.Subtract(dr, delta, dr);
                            TensorPrimitives.Multiply(dr, pr, dr);
                        }

                        // dQ (scaled query) = dS · K; dK += dSᵀ · Q_scaled; dV += Pᵀ · dO.
                        MatMul.MultiplySerial(ds, cols, kg, d, dqh.AsSpan(i0 * d), d, rows, cols, d, accumulate: false);
                        MatMul.Transpose(ds.AsSpan(0, rows * cols), blockT, rows, cols);
                        MatMul.MultiplySerial(blockT, rows, qh.AsSpan(i0 * d), d, dkg, d, cols, rows, d, accumulate: true);
                        MatMul.Transpose(p.AsSpan(0, rows * cols), blockT, rows, cols);
                        MatMul.MultiplySerial(blockT, rows, doh.AsSpan(i0 * d), d, dvg, d, cols, rows, d, accumulate: true);
                    }

                    // S = scale·q·k, so dq = scale · dS·K.
                    TensorPrimitives.Multiply(dqh.AsSpan(0, t * d), scale, dqh.AsSpan(0, t * d));
                    Scatter(dqh, start, t, heads * d, h * d, d, dq, accumulate: false);
                }

                Scatter(dkg, start, t, kvHeads * d, g * d, d, dk, accumulate: false);
                Scatter(dvg, start, t, kvHeads * d, g * d, d, dv, accumulate: false);
            }
            finally
            {
                foreach (var buffer in new[] { kT, kg, vT, qh, doh, oh, dqh, dkg, dvg, p, ds, blockT })
                {
                    pool.Return(buffer);
                }
            }
        });
    }

    /// <summary>Copies one head's columns of rows [start, start+t) into a dense [t, d] (or transposed [d, t]) matrix.</summary>
    private static void Gather(float[] src, int start, int t, int width, int offset, int d, float[] dst, bool transpose)
    {
        for (int i = 0; i < t; i++)
        {
            var row = src.AsSpan(((start + i) * width) + offset, d);
            if (!transpose)
            {
                row.CopyTo(dst.AsSpan(i * d, d));
                continue;
            }

            for (int e = 0; e < d; e++)
            {
                dst[(e * t) + i] = row[e];
            }
        }
    }

    private static void Scatter(float[] src, int start, int t, int width, int offset, int d, float[] dst, bool accumulate)
    {
        for (int i = 0; i < t; i++)
        {
            var target = dst.AsSpan(((start + i) * width) + offset, d);
            if (accumulate)
            {
                TensorPrimitives.Add(target, src.AsSpan(i * d, d), target);
            }
            else
            {
                src.AsSpan(i * d, d).CopyTo(target);
            }
        }
    }
}
