using Gateway.ModelKit.Onnx.Proto;

namespace Gateway.ModelKit.Onnx;

/// <summary>Reads an ONNX file's structure (opset, I/O, initializer shapes) without loading a runtime session.</summary>
public static class OnnxModelReader
{
    public static OnnxModelInfo Read(string path)
    {
        ModelProto model;
        using (var stream = File.OpenRead(path))
        {
            try
            {
                model = ModelProto.Parser.ParseFrom(stream);
            }
            catch (Google.Protobuf.InvalidProtocolBufferException e)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}: not an ONNX model ({e.Message})", e);
            }
        }

        var graph = model.Graph ?? throw new InvalidDataException($"{Path.GetFileName(path)}: the model has no graph");
        var initializers = graph.Initializer
            .Select(t => new InitializerInfo(t.Name, (ElementType)t.DataType, t.Dims.ToArray(), t.DataLocation == TensorProto.Types.DataLocation.External))
            .ToList();
        return new OnnxModelInfo(
            model.IrVersion,
            model.OpsetImport.ToDictionary(o => o.Domain.Length == 0 ? "ai.onnx" : o.Domain, o => o.Version),
            model.ProducerName,
            graph.Node.Count,
            initializers);
    }
}

public sealed record OnnxModelInfo(long IrVersion, IReadOnlyDictionary<string, long> Opsets, string Producer, int NodeCount, IReadOnlyList<InitializerInfo> Initializers)
{
    /// <summary>Elements in initializers: the weights, plus small constants and rotary tables.</summary>
    public long InitializerElements => Initializers.Sum(i => TensorData.ElementCount(i.Dims));
}

public sealed record InitializerInfo(string Name, ElementType Type, long[] Dims, bool External);
