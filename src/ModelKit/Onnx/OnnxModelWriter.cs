using Gateway.ModelKit.Onnx.Proto;
using Google.Protobuf;

namespace Gateway.ModelKit.Onnx;

/// <summary>Where initializers go when a model is saved.</summary>
/// <param name="DataFileName">External data file beside the model (e.g. "model.onnx.data"); null keeps every initializer inline.</param>
/// <param name="MinExternalBytes">Initializers smaller than this stay inline even when a data file is used.</param>
public sealed record OnnxSaveOptions(string? DataFileName = null, int MinExternalBytes = 1024)
{
    public static OnnxSaveOptions Inline { get; } = new();
    public static OnnxSaveOptions External(string dataFileName) => new(dataFileName);
}

/// <summary>Serialises a <see cref="GraphBuilder"/> as an ONNX ModelProto, with inline or external initializers.</summary>
public static class OnnxModelWriter
{
    // External data offsets are aligned so a runtime may memory-map each tensor.
    private const int ExternalAlignment = 4096;

    public static void Save(GraphBuilder graph, string path, OnnxSaveOptions? options = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        options ??= OnnxSaveOptions.Inline;
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);

        FileStream? dataFile = options.DataFileName is null
            ? null
            : new FileStream(Path.Combine(directory, options.DataFileName), FileMode.Create, FileAccess.Write);
        try
        {
            var model = new ModelProto
            {
                IrVersion = OnnxFormat.IrVersion,
                ProducerName = OnnxFormat.ProducerName,
                ProducerVersion = typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString() ?? "0",
                Graph = ToGraphProto(graph, dataFile, options),
            };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxFormat.Opset });
            foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
            {
                model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
            }

            using var output = File.Create(path);
            model.WriteTo(output);
        }
        finally
        {
            dataFile?.Dispose();
        }
    }

    private static GraphProto ToGraphProto(GraphBuilder graph, FileStream? dataFile, OnnxSaveOptions options)
    {
        var proto = new GraphProto { Name = graph.Name };
        proto.Input.AddRange(graph.Inputs.Select(ToValueInfo));
        proto.Output.AddRange(graph.Outputs.Select(ToValueInfo));
        proto.Node.AddRange(graph.Nodes.Select(ToNodeProto));
        foreach (var tensor in graph.Initializers.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            proto.Initializer.Add(dataFile is not null && tensor.Bytes.Length >= options.MinExternalBytes
                ? ToExternalTensor(tensor, dataFile, options.DataFileName!)
                : ToTensorProto(tensor));
        }

        return proto;
    }

    internal static TensorProto ToTensorProto(TensorData tensor)
    {
        var proto = new TensorProto { Name = tensor.Name, DataType = (int)tensor.Type, RawData = ByteString.CopyFrom(tensor.Bytes) };
        proto.Dims.AddRange(tensor.Dims);
        return proto;
    }

    private static TensorProto ToExternalTensor(TensorData tensor, FileStream dataFile, string location)
    {
        long offset = (dataFile.Position + ExternalAlignment - 1) / ExternalAlignment * ExternalAlignment;
        dataFile.SetLength(Math.Max(dataFile.Length, offset));
        dataFile.Position = offset;
        dataFile.Write(tensor.Bytes);

        var proto = new TensorProto { Name = tensor.Name, DataType = (int)tensor.Type, DataLocation = TensorProto.Types.DataLocation.External };
        proto.Dims.AddRange(tensor.Dims);
        proto.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = tensor.Bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return proto;
    }

    private static ValueInfoProto ToValueInfo(ValueSpec spec)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(spec.Shape.Select(d => d.Symbol is null
            ? new TensorShapeProto.Types.Dimension { DimValue = d.Size!.Value }
            : new TensorShapeProto.Types.Dimension { DimParam = d.Symbol }));
        return new ValueInfoProto
        {
            Name = spec.Name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)spec.Type, Shape = shape } },
        };
    }

    private static NodeProto ToNodeProto(NodeSpec node)
    {
        var proto = new NodeProto { OpType = node.OpType, Domain = node.Domain, Name = node.Name };
        proto.Input.AddRange(node.Inputs);
        proto.Output.AddRange(node.Outputs);
        proto.Attribute.AddRange(node.Attributes.Select(ToAttribute));
        return proto;
    }

    private static AttributeProto ToAttribute(Attr attr)
    {
        var proto = new AttributeProto { Name = attr.Name };
        switch (attr.Value)
        {
            case long i:
                proto.Type = AttributeProto.Types.AttributeType.Int;
                proto.I = i;
                break;
            case long[] ints:
                proto.Type = AttributeProto.Types.AttributeType.Ints;
                proto.Ints.AddRange(ints);
                break;
            case float f:
                proto.Type = AttributeProto.Types.AttributeType.Float;
                proto.F = f;
                break;
            case float[] floats:
                proto.Type = AttributeProto.Types.AttributeType.Floats;
                proto.Floats.AddRange(floats);
                break;
            case string s:
                proto.Type = AttributeProto.Types.AttributeType.String;
                proto.S = ByteString.CopyFromUtf8(s);
                break;
            case TensorData t:
                proto.Type = AttributeProto.Types.AttributeType.Tensor;
                proto.T = ToTensorProto(t);
                break;
            default:
                throw new ArgumentException($"attribute '{attr.Name}': unsupported value type {attr.Value.GetType().Name}", nameof(attr));
        }

        return proto;
    }
}
