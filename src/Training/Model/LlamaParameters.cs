using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;

namespace Gateway.Training.Model;

/// <summary>
/// A decoder's trainable tensors by Hugging Face name, fp32 in Hugging Face layout, each with a
/// gradient buffer of the same size. The order is the model kit's <see cref="LlamaWeights.ExpectedTensors"/>.
/// </summary>
public sealed class LlamaParameters
{
    private readonly Dictionary<string, float[]> _values;
    private readonly Dictionary<string, float[]> _grads;

    private LlamaParameters(LlamaConfig config, Dictionary<string, float[]> values)
    {
        Config = config;
        _values = values;
        Names = [.. LlamaWeights.ExpectedTensors(config).Select(e => e.Name)];
        Shapes = LlamaWeights.ExpectedTensors(config).ToDictionary(e => e.Name, e => e.Shape, StringComparer.Ordinal);
        _grads = values.ToDictionary(p => p.Key, p => new float[p.Value.Length], StringComparer.Ordinal);
    }

    public LlamaConfig Config { get; }
    public IReadOnlyList<string> Names { get; }
    public IReadOnlyDictionary<string, long[]> Shapes { get; }
    public long Count => _values.Values.Sum(v => (long)v.Length);

    public float[] Value(string name) => _values[name];
    public float[] Grad(string name) => _grads[name];

    /// <summary>Matrices get weight decay; norm weights (vectors) do not.</summary>
    public bool IsMatrix(string name) => Shapes[name].Length == 2;

    /// <summary>A private copy of the weights, so training never changes the caller's arrays.</summary>
    public static LlamaParameters From(LlamaWeights weights) =>
        new(weights.Config, weights.Tensors.ToDictionary(t => t.Key, t => (float[])t.Value.Clone(), StringComparer.Ordinal));

    public LlamaWeights ToWeights() => LlamaWeights.FromTensors(Config,
        Names.ToDictionary(n => n, n => TensorData.FromFloats(n, _values[n], Shapes[n]), StringComparer.Ordinal));

    public void ZeroGrads()
    {
        foreach (var g in _grads.Values)
        {
            Array.Clear(g);
        }
    }
}
