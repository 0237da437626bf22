namespace Gateway.ModelKit.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size or a named symbol such as "batch".</summary>
public readonly record struct Dim(long? Size, string? Symbol)
{
    public static implicit operator Dim(long size) => new(size, null);
    public static implicit operator Dim(string symbol) => new(null, symbol);
    public override string ToString() => Symbol ?? Size!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
