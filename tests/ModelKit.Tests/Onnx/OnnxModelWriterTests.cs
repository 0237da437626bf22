using Gateway.ModelKit.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Gateway.ModelKit.Tests.Onnx;

public class OnnxModelWriterTests
{
    [Theory]
    [InlineData(ElementType.Float, false)]
    [InlineData(ElementType.Float, true)]
    [InlineData(ElementType.Float16, false)]
    [InlineData(ElementType.Float16, true)]
    public void Save_AffineGraph_LoadsInOnnxRuntimeAndComputesXWPlusB(ElementType weightType, bool external)
    {
        // y = x·W + b with W [3, 2], b [2]: small enough to check by hand.
        float[] w = [1, 2, 3, 4, 5, 6];
        float[] b = [0.5f, -1];
        var g = new GraphBuilder("affine");
        var x = g.Input("x", ElementType.Float, "batch", 3);
        var weight = g.Initializer(TensorData.FromFloats("W", w, [3, 2], weightType));
        var bias = g.Initializer(TensorData.FromFloats("b", b, [2]));
        var widened = weightType == ElementType.Float ? weight : weight.Cast(ElementType.Float);
        g.Output(x.MatMul(widened) + bias, "y", ElementType.Float, "batch", 2);
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "affine.onnx");

        OnnxModelWriter.Save(g, path, external ? new OnnxSaveOptions("affine.onnx.data", MinExternalBytes: 1) : null);

        Assert.Equal(external, File.Exists(Path.Combine(dir.Path, "affine.onnx.data")));
        using var session = new InferenceSession(path);
        using var input = OrtValue.CreateTensorValueFromMemory(new float[] { 1, 0, 2, 0, 1, 1 }, [2, 3]);
        using var outputs = session.Run(new RunOptions(), new Dictionary<string, OrtValue> { ["x"] = input }, ["y"]);
        Assert.Equal([11.5f, 13, 8.5f, 9], outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Save_WritesTheIrVersionAndOpsetOnnxRuntimeAccepts()
    {
        var g = new GraphBuilder("identity");
        var x = g.Input("x", ElementType.Int64, 4);
        g.Output(x, "x", ElementType.Int64, 4);
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "m.onnx");

        OnnxModelWriter.Save(g, path, metadata: new Dictionary<string, string> { ["department"] = "hr" });

        var info = OnnxModelReader.Read(path);
        Assert.Equal(10, info.IrVersion);
        Assert.Equal(21, info.Opsets["ai.onnx"]);
        using var session = new InferenceSession(path);
        Assert.Equal("hr", session.ModelMetadata.CustomMetadataMap["department"]);
    }

    [Fact]
    public void Scope_NamesNodesAfterTheOpenScopes()
    {
        var g = new GraphBuilder("scoped");
        var x = g.Input("x", ElementType.Float, 2);
        using (g.Scope("model"))
        using (g.Scope("layers.0"))
        {
            _ = x + x;
            _ = x + x;
        }

        Assert.Equal(["/model/layers.0/Add", "/model/layers.0/Add_1"], g.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Initializer_DefinedTwice_Throws()
    {
        var g = new GraphBuilder("dup");
        g.Initializer(TensorData.FromFloats("w", [1f], [1]));
        Assert.Throws<InvalidOperationException>(() => g.Initializer(TensorData.FromFloats("w", [2f], [1])));
    }

    [Fact]
    public void TensorData_BytesNotMatchingShape_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorData("t", ElementType.Float, [2, 2], new byte[12]));
        Assert.Contains("tensor 't'", error.Message, StringComparison.Ordinal);
    }
}
