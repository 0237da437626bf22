using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.ModelKit.Onnx;

namespace Gateway.ModelKit.Safetensors;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte header length, a JSON header of
/// name → dtype/shape/data_offsets, then the raw little-endian bytes). Written here because no
/// served .NET package reads it; the format is small and fully specified.
/// </summary>
public static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";

    public static void Write(string path, IEnumerable<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                meta[key] = value;
            }

            header[MetadataKey] = meta;
        }

        long offset = 0;
        foreach (var tensor in ordered)
        {
            header[tensor.Name] = new JsonObject
            {
                ["dtype"] = DtypeName(tensor.Type),
                ["shape"] = new JsonArray(tensor.Dims.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + tensor.Bytes.LongLength),
            };
            offset += tensor.Bytes.LongLength;
        }

        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (headerBytes.Length + 7) / 8 * 8; // the spec allows trailing spaces; aligns the data
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(headerBytes);
        for (int i = headerBytes.Length; i < padded; i++)
        {
            stream.WriteByte((byte)' ');
        }

        foreach (var tensor in ordered)
        {
            stream.Write(tensor.Bytes);
        }
    }

    /// <summary>Reads every tensor. BF16 is widened to F32, since the rest of the kit computes in F32.</summary>
    public static SafetensorsContent Read(string path)
    {
        byte[] all = File.ReadAllBytes(path);
        if (all.Length < 8)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: too short to be a safetensors file");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(all);
        if (headerLength > (ulong)(all.Length - 8))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: header length {headerLength} exceeds the file");
        }

        JsonObject header;
        try
        {
            header = JsonNode.Parse(all.AsSpan(8, (int)headerLength))!.AsObject();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: header is not valid JSON: {e.Message}", e);
        }

        long dataStart = 8 + (long)headerLength;
        var tensors = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in header)
        {
            if (name == MetadataKey)
            {
                foreach (var (key, value) in node!.AsObject())
                {
                    metadata[key] = value?.GetValue<string>() ?? "";
                }

                continue;
            }

            tensors[name] = ReadTensor(path, name, node!.AsObject(), all, dataStart);
        }

        return new SafetensorsContent(tensors, metadata);
    }

    private static TensorData ReadTensor(string path, string name, JsonObject info, byte[] all, long dataStart)
    {
        string dtype = info["dtype"]?.GetValue<string>() ?? throw Bad(path, name, "no dtype");
        long[] shape = info["shape"]?.AsArray().Select(n => n!.GetValue<long>()).ToArray() ?? throw Bad(path, name, "no shape");
        var offsets = info["data_offsets"]?.AsArray().Select(n => n!.GetValue<long>()).ToArray();
        if (offsets is not { Length: 2 } || offsets[0] > offsets[1] || dataStart + offsets[1] > all.LongLength)
        {
            throw Bad(path, name, "data_offsets missing or outside the file");
        }

        byte[] bytes = all.AsSpan((int)(dataStart + offsets[0]), (int)(offsets[1] - offsets[0])).ToArray();
        if (dtype == "BF16")
        {
            var floats = MemoryMarshal.Cast<byte, ushort>(bytes).ToArray()
                .Select(b => BitConverter.Int32BitsToSingle(b << 16)).ToArray();
            return TensorData.FromFloats(name, floats, shape);
        }

        var type = dtype switch
        {
            "F32" => ElementType.Float,
            "F16" => ElementType.Float16,
            "I64" => ElementType.Int64,
            "I32" => ElementType.Int32,
            "U8" => ElementType.UInt8,
            "I8" => ElementType.Int8,
            "BOOL" => ElementType.Bool,
            _ => throw Bad(path, name, $"unsupported dtype {dtype}"),
        };
        try
        {
            return new TensorData(name, type, shape, bytes);
        }
        catch (ArgumentException e)
        {
            throw Bad(path, name, e.Message);
        }
    }

    private static string DtypeName(ElementType type) => type switch
    {
        ElementType.Float => "F32",
        ElementType.Float16 => "F16",
        ElementType.Int64 => "I64",
        ElementType.Int32 => "I32",
        ElementType.UInt8 => "U8",
        ElementType.Int8 => "I8",
        ElementType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no safetensors dtype"),
    };

    private static InvalidDataException Bad(string path, string tensor, string problem) =>
        new($"{Path.GetFileName(path)}: tensor '{tensor}': {problem}");
}

public sealed record SafetensorsContent(IReadOnlyDictionary<string, TensorData> Tensors, IReadOnlyDictionary<string, string> Metadata);
