namespace Gateway.Training.Kernels;

/// <summary>
/// Splits rows into a fixed number of contiguous chunks for Parallel.For. The split depends only on the
/// row count, never on timing, so per-row work stays deterministic.
/// </summary>
internal static class RowChunks
{
    public static void For(int rows, Action<int, int> body, int minRowsPerChunk = 16)
    {
        int chunks = Math.Clamp(rows / Math.Max(1, minRowsPerChunk), 1, Environment.ProcessorCount * 4);
        if (chunks == 1)
        {
            body(0, rows);
            return;
        }

        int size = (rows + chunks - 1) / chunks;
        chunks = (rows + size - 1) / size;
        Parallel.For(0, chunks, chunk => body(chunk * size, Math.Min(rows, (chunk + 1) * size)));
    }
}
