using System.Buffers.Binary;
using System.Text;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Safetensors;

namespace Gateway.ModelKit.Tests.Safetensors;

public class SafetensorsFileTests
{
    [Fact]
    public void WriteThenRead_KeepsNamesShapesTypesAndValues()
    {
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "t.safetensors");
        var tensors = new[]
        {
            TensorData.FromFloats("a.weight", [1.5f, -2, 3, 4.25f, 5, 6], [2, 3]),
            TensorData.FromFloats("b.weight", [0.5f, 1], [2], ElementType.Float16),
            TensorData.FromInt64s("c.ids", [7, -8], [2]),
        };

        SafetensorsFile.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        var read = SafetensorsFile.Read(path);

        Assert.Equal("pt", read.Metadata["format"]);
        foreach (var expected in tensors)
        {
            var actual = read.Tensors[expected.Name];
            Assert.Equal(expected.Type, actual.Type);
            Assert.Equal(expected.Dims, actual.Dims);
            Assert.Equal(expected.Bytes, actual.Bytes);
        }

        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(path));
        Assert.Equal(0, headerLength % 8);
    }

    [Fact]
    public void Read_Bf16_IsWidenedToFloat32()
    {
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "bf16.safetensors");
        // 1.0 and -2.5 in bfloat16 are the upper halves of their float32 bit patterns.
        ushort[] bf16 = [(ushort)(BitConverter.SingleToInt32Bits(1f) >> 16), (ushort)(BitConverter.SingleToInt32Bits(-2.5f) >>> 16)];
        WriteRaw(path, """{"x":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}""", bf16.SelectMany(BitConverter.GetBytes).ToArray());

        var x = SafetensorsFile.Read(path).Tensors["x"];

        Assert.Equal(ElementType.Float, x.Type);
        Assert.Equal([1f, -2.5f], x.ToFloats());
    }

    [Fact]
    public void Read_OffsetsBeyondTheFile_NamesTheTensor()
    {
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "bad.safetensors");
        WriteRaw(path, """{"x":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}""", new byte[8]);

        var error = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Read(path));
        Assert.Equal("bad.safetensors: tensor 'x': data_offsets missing or outside the file", error.Message);
    }

    [Fact]
    public void LlamaWeights_SaveThenLoad_RoundTripsEveryTensor()
    {
        var config = TestModels.TinyConfig(tied: false);
        var weights = TestModels.Weights(config);
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");

        weights.Save(path);
        var loaded = LlamaWeights.Load(config, path);

        Assert.Equal(weights.Tensors.Keys.Order(), loaded.Tensors.Keys.Order());
        Assert.All(weights.Tensors, kv => Assert.Equal(kv.Value, loaded[kv.Key]));
    }

    [Fact]
    public void LlamaWeights_MissingOrMisshapenTensor_IsRefusedByName()
    {
        var config = TestModels.TinyConfig();
        var weights = TestModels.Weights(config);
        using var dir = new TemporaryDirectory();
        string path = Path.Combine(dir.Path, "model.safetensors");
        weights.Save(path);

        var smaller = config with { IntermediateSize = 40 };
        var error = Assert.Throws<InvalidDataException>(() => LlamaWeights.Load(smaller, path));
        Assert.Equal("weights: tensor 'model.layers.0.mlp.gate_proj.weight' has shape [48,32], config needs [40,32]", error.Message);

        var untied = config with { TieEmbeddings = false };
        error = Assert.Throws<InvalidDataException>(() => LlamaWeights.Load(untied, path));
        Assert.Equal("weights: missing tensor 'lm_head.weight'", error.Message);
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        using var stream = File.Create(path);
        stream.Write(BitConverter.GetBytes((ulong)json.Length));
        stream.Write(json);
        stream.Write(data);
    }
}
