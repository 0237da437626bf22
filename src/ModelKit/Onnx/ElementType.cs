namespace Gateway.ModelKit.Onnx;

/// <summary>ONNX tensor element types the model kit writes; values are the spec's DataType numbers.</summary>
public enum ElementType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Float16 = 10,
}

public static class ElementTypeExtensions
{
    public static int ByteSize(this ElementType type) => type switch
    {
        ElementType.Float or ElementType.Int32 => 4,
        ElementType.Int64 => 8,
        ElementType.Float16 => 2,
        ElementType.UInt8 or ElementType.Int8 or ElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unsupported element type"),
    };

    /// <summary>The name genai_config.json and the ONNX Runtime metadata use ("float32", "float16", ...).</summary>
    public static string ConfigName(this ElementType type) => type switch
    {
        ElementType.Float => "float32",
        ElementType.Float16 => "float16",
        ElementType.Int64 => "int64",
        ElementType.Int32 => "int32",
        ElementType.Bool => "bool",
        ElementType.UInt8 => "uint8",
        ElementType.Int8 => "int8",
        _ => type.ToString().ToLowerInvariant(),
    };
}
