using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gateway.Inference.Batching;

/// <summary>
/// Pinned, reusable memory for one batch's KV cache: per layer a key and a value tensor laid out
/// [batch, kv_heads, length, head_dim] in the model's element type. ONNX Runtime reads the past from
/// one set and writes the present into another; the two are swapped each step, so a decode step
/// allocates no cache memory. Buffers only grow (by half again), and start zeroed so padding slots
/// always hold finite values (a NaN under a masked score would still poison the softmax).
/// </summary>
internal sealed class KvBufferSet(int layers, int kvHeads, int headDim, int elementSize)
{
    private readonly byte[][] _keys = Enumerable.Range(0, layers).Select(_ => Array.Empty<byte>()).ToArray();
    private readonly byte[][] _values = Enumerable.Range(0, layers).Select(_ => Array.Empty<byte>()).ToArray();

    public int Layers => layers;
    public int KvHeads => kvHeads;
    public int HeadDim => headDim;
    public int ElementSize => elementSize;
    public long CapacityBytes => _keys[0].LongLength;

    public static long BytesFor(int batch, int length, int kvHeads, int headDim, int elementSize) =>
        (long)batch * kvHeads * length * headDim * elementSize;

    public void EnsureCapacity(int batch, int length)
    {
        long needed = Math.Max(BytesFor(batch, length, kvHeads, headDim, elementSize), elementSize);
        if (needed <= CapacityBytes)
        {
            return;
        }

        long grown = Math.Max(needed, CapacityBytes + (CapacityBytes / 2));
        for (int layer = 0; layer < layers; layer++)
        {
            _keys[layer] = GC.AllocateArray<byte>(checked((int)grown), pinned: true);
            _values[layer] = GC.AllocateArray<byte>(checked((int)grown), pinned: true);
        }
    }

    public IntPtr KeyPointer(int layer) => Pointer(_keys[layer]);
    public IntPtr ValuePointer(int layer) => Pointer(_values[layer]);
    public Span<byte> Keys(int layer) => _keys[layer];
    public Span<byte> Values(int layer) => _values[layer];

    /// <summary>
    /// Copies the last <paramref name="length"/> positions of one row from a [*, h, srcLength, d] layout into
    /// the right-aligned end of a row of a [*, h, dstLength, d] layout (left padding stays in front).
    /// </summary>
    public static void CopyRow(KvBufferSet src, int srcRow, int srcLength, KvBufferSet dst, int dstRow, int dstLength, int length)
    {
        int rowBytes = length * src.HeadDim * src.ElementSize;
        for (int layer = 0; layer < src.Layers; layer++)
        {
            for (int head = 0; head < src.KvHeads; head++)
            {
                long from = (((((long)srcRow * src.KvHeads) + head) * srcLength) + (srcLength - length)) * src.HeadDim * src.ElementSize;
                long to = (((((long)dstRow * dst.KvHeads) + head) * dstLength) + (dstLength - length)) * dst.HeadDim * dst.ElementSize;
                src._keys[layer].AsSpan((int)from, rowBytes).CopyTo(dst._keys[layer].AsSpan((int)to, rowBytes));
                src._values[layer].AsSpan((int)from, rowBytes).CopyTo(dst._values[layer].AsSpan((int)to, rowBytes));
            }
        }
    }

    private static unsafe IntPtr Pointer(byte[] pinned) => (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
