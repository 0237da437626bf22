using System.Runtime.InteropServices;

namespace Gateway.ModelKit.Onnx;

/// <summary>A named, shaped block of little-endian tensor bytes: an initializer or a constant.</summary>
public sealed class TensorData
{
    public TensorData(string name, ElementType type, long[] dims, byte[] bytes)
    {
        long count = ElementCount(dims);
        if (count * type.ByteSize() != bytes.LongLength)
        {
            throw new ArgumentException(
                $"tensor '{name}': {bytes.LongLength} bytes do not hold [{string.Join(",", dims)}] of {type}", nameof(bytes));
        }

        Name = name;
        Type = type;
        Dims = dims;
        Bytes = bytes;
    }

    public string Name { get; }
    public ElementType Type { get; }
    public long[] Dims { get; }
    public byte[] Bytes { get; }
    public long ElementCount() => ElementCount(Dims);

    /// <summary>Stores fp32 values as fp32 or, rounded, as fp16.</summary>
    public static TensorData FromFloats(string name, ReadOnlySpan<float> values, long[] dims, ElementType storeAs = ElementType.Float)
    {
        switch (storeAs)
        {
            case ElementType.Float:
                return new TensorData(name, storeAs, dims, MemoryMarshal.AsBytes(values).ToArray());
            case ElementType.Float16:
                var halves = new Half[values.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    halves[i] = (Half)values[i];
                }

                return new TensorData(name, storeAs, dims, MemoryMarshal.AsBytes(halves.AsSpan()).ToArray());
            default:
                throw new ArgumentOutOfRangeException(nameof(storeAs), storeAs, "floats are stored as Float or Float16");
        }
    }

    public static TensorData FromInt64s(string name, ReadOnlySpan<long> values, long[] dims) =>
        new(name, ElementType.Int64, dims, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>The values widened to fp32, whatever the stored float type.</summary>
    public float[] ToFloats() => Type switch
    {
        ElementType.Float => MemoryMarshal.Cast<byte, float>(Bytes).ToArray(),
        ElementType.Float16 => Array.ConvertAll(MemoryMarshal.Cast<byte, Half>(Bytes).ToArray(), h => (float)h),
        _ => throw new InvalidOperationException($"tensor '{Name}' holds {Type}, not floats"),
    };

    public static long ElementCount(IEnumerable<long> dims) => dims.Aggregate(1L, (a, d) => a * d);
}
