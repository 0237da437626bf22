using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Gateway.Training.Kernels;

/// <summary>
/// Row-major fp32 matrix products C[m,n] (+)= A[m,k] · B[k,n], register-blocked (4 rows × 16 columns
/// of C in eight Vector256 accumulators) and split over row blocks with Parallel.For. Each element of C
/// is computed by one thread in a fixed order, so results do not depend on scheduling.
/// </summary>
internal static class MatMul
{
    private const int RowBlock = 4;
    private const int ColBlock = 16;

    /// <summary>Parallel over row chunks; use for the model's big products.</summary>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate = false)
    {
        long flops = 2L * m * k * n;
        int chunks = flops < 2_000_000 ? 1 : Math.Min(Math.Max(1, m / RowBlock), Environment.ProcessorCount * 4);
        if (chunks == 1)
        {
            MultiplySerial(a, b, c, m, k, n, accumulate);
            return;
        }

        int rowsPerChunk = (((m + chunks - 1) / chunks) + RowBlock - 1) / RowBlock * RowBlock;
        chunks = (m + rowsPerChunk - 1) / rowsPerChunk;
        Parallel.For(0, chunks, chunk =>
        {
            int start = chunk * rowsPerChunk, rows = Math.Min(rowsPerChunk, m - start);
            MultiplySerial(a.AsSpan(start * k, rows * k), b, c.AsSpan(start * n, rows * n), rows, k, n, accumulate);
        });
    }

    /// <summary>One thread: C (+)= A · B over spans holding exactly [m,k], [k,n] and [m,n].</summary>
    public static void MultiplySerial(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate) =>
        MultiplySerial(a, k, b, n, c, n, m, k, n, accumulate);

    /// <summary>One thread, with row strides: C[m,n] (+)= A[m,k] · B[k,n] where rows are lda, ldb and ldc apart.</summary>
    public static unsafe void MultiplySerial(
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int m, int k, int n, bool accumulate)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if ((long)(m - 1) * lda + k > a.Length || (long)(k - 1) * ldb + n > b.Length || (long)(m - 1) * ldc + n > c.Length || lda < k || ldb < n || ldc < n)
        {
            throw new ArgumentException("matrix spans are shorter than their shapes");
        }

        if (!accumulate)
        {
            for (int i = 0; i < m; i++)
            {
                c.Slice(i * ldc, n).Clear();
            }
        }

        if (k == 0)
        {
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            int fullCols = n / ColBlock * ColBlock;
            for (int j = 0; j < fullCols; j += ColBlock)
            {
                int i = 0;
                for (; i + RowBlock <= m; i += RowBlock)
                {
                    Block4x16(pa + (i * lda), lda, pb + j, ldb, pc + (i * ldc) + j, ldc, k);
                }

                for (; i < m; i++)
                {
                    Block1x16(pa + (i * lda), pb + j, ldb, pc + (i * ldc) + j, k);
                }
            }

            for (int j = fullCols; j < n; j++)
            {
                for (int i = 0; i < m; i++)
                {
                    float sum = 0;
                    float* row = pa + (i * lda);
                    for (int p = 0; p < k; p++)
                    {
                        sum += row[p] * pb[(p * ldb) + j];
                    }

                    pc[(i * ldc) + j] += sum;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Block4x16(float* a, int lda, float* b, int ldb, float* c, int ldc, int k)
    {
        float* c1 = c + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        var c00 = Vector256.Load(c); var c01 = Vector256.Load(c + 8);
        var c10 = Vector256.Load(c1); var c11 = Vector256.Load(c1 + 8);
        var c20 = Vector256.Load(c2); var c21 = Vector256.Load(c2 + 8);
        var c30 = Vector256.Load(c3); var c31 = Vector256.Load(c3 + 8);
        float* a1 = a + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0; p < k; p++)
        {
            float* bp = b + (p * ldb);
            var b0 = Vector256.Load(bp);
            var b1 = Vector256.Load(bp + 8);
            var x = Vector256.Create(a[p]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[p]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[p]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[p]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
        }

        c00.Store(c); c01.Store(c + 8);
        c10.Store(c1); c11.Store(c1 + 8);
        c20.Store(c2); c21.Store(c2 + 8);
        c30.Store(c3); c31.Store(c3 + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Block1x16(float* a, float* b, int ldb, float* c, int k)
    {
        var c0 = Vector256.Load(c);
        var c1 = Vector256.Load(c + 8);
        for (int p = 0; p < k; p++)
        {
            var x = Vector256.Create(a[p]);
            c0 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b + (p * ldb)), c0);
            c1 = Vector256.FusedMultiplyAdd(x, Vector256.Load(b + (p * ldb) + 8), c1);
        }

        c0.Store(c);
        c1.Store(c + 8);
    }

    /// <summary>dst[cols, rows] = src[rows, cols]ᵀ.</summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        const int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile)
        {
            for (int c0 = 0; c0 < cols; c0 += tile)
            {
                int rEnd = Math.Min(r0 + tile, rows), cEnd = Math.Min(c0 + tile, cols);
                for (int r = r0; r < rEnd; r++)
                {
                    for (int c = c0; c < cEnd; c++)
                    {
                        dst[(c * rows) + r] = src[(r * cols) + c];
                    }
                }
            }
        }
    }

    public static float[] Transposed(float[] src, int rows, int cols)
    {
        var dst = new float[src.Length];
        Transpose(src, dst, rows, cols);
        return dst;
    }
}
