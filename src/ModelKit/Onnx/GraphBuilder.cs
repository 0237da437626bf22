using System.Globalization;

namespace Gateway.ModelKit.Onnx;

/// <summary>
/// Builds an ONNX graph: inputs, initializers, nodes and outputs, with readable node names taken from
/// the current scope (e.g. <c>/model/layers.3/attn/MatMul_2</c>). Writes nothing: see <see cref="OnnxModelWriter"/>.
/// </summary>
public sealed class GraphBuilder(string name)
{
    private readonly List<ValueSpec> _inputs = [];
    private readonly List<ValueSpec> _outputs = [];
    private readonly List<NodeSpec> _nodes = [];
    private readonly Dictionary<string, TensorData> _initializers = new(StringComparer.Ordinal);
    private readonly Stack<string> _scopes = new();
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    public string Name { get; } = name;
    public IReadOnlyList<ValueSpec> Inputs => _inputs;
    public IReadOnlyList<ValueSpec> Outputs => _outputs;
    public IReadOnlyList<NodeSpec> Nodes => _nodes;
    public IReadOnlyCollection<TensorData> Initializers => _initializers.Values;

    public Value Input(string name, ElementType type, params Dim[] shape)
    {
        _inputs.Add(new ValueSpec(name, type, shape));
        return new Value(this, name);
    }

    /// <summary>Marks a value as a graph output under the given name (renamed through Identity if needed).</summary>
    public void Output(Value value, string name, ElementType type, params Dim[] shape)
    {
        if (value.Name != name)
        {
            _nodes.Add(new NodeSpec("Identity", "", UniqueName("Identity"), [value.Name], [name], []));
        }

        _outputs.Add(new ValueSpec(name, type, shape));
    }

    public Value Initializer(TensorData data)
    {
        if (!_initializers.TryAdd(data.Name, data))
        {
            throw new InvalidOperationException($"initializer '{data.Name}' is defined twice");
        }

        return new Value(this, data.Name);
    }

    public Value Constant(long[] values) =>
        SmallConstant("const_i64", TensorData.FromInt64s("", values, [values.Length]));

    public Value Scalar(float value) =>
        SmallConstant("const_f32", TensorData.FromFloats("", [value], []));

    public Value ScalarInt64(long value) =>
        SmallConstant("const_i64", TensorData.FromInt64s("", [value], []));

    /// <summary>Names node outputs after the scope while it is open: <c>using (g.Scope("layers.0"))</c>.</summary>
    public IDisposable Scope(string scope)
    {
        _scopes.Push(scope);
        return new ScopeExit(_scopes);
    }

    public Value Node(string opType, params Value[] inputs) => Node(opType, inputs, []);

    public Value Node(string opType, Value[] inputs, params Attr[] attributes) =>
        NodeWithOutputs(opType, "", inputs, 1, attributes)[0];

    public Value[] NodeWithOutputs(string opType, string domain, Value[] inputs, int outputCount, params Attr[] attributes)
    {
        string nodeName = UniqueName(opType);
        var outputs = Enumerable.Range(0, outputCount)
            .Select(i => outputCount == 1 ? $"{nodeName}/output_0" : $"{nodeName}/output_{i}")
            .ToArray();
        _nodes.Add(new NodeSpec(opType, domain, nodeName, inputs.Select(v => v.Name).ToArray(), outputs, attributes));
        return outputs.Select(o => new Value(this, o)).ToArray();
    }

    private Value SmallConstant(string prefix, TensorData data)
    {
        // Deduplicate small constants by content so repeated shapes and axes share one initializer.
        string key = $"{prefix}_{Convert.ToHexString(data.Bytes)}_{string.Join("x", data.Dims)}";
        if (!_initializers.ContainsKey(key))
        {
            _initializers[key] = new TensorData(key, data.Type, data.Dims, data.Bytes);
        }

        return new Value(this, key);
    }

    private string UniqueName(string opType)
    {
        string prefix = "/" + string.Join("/", _scopes.Reverse());
        string baseName = prefix.Length > 1 ? $"{prefix}/{opType}" : $"/{opType}";
        int n = _counters.TryGetValue(baseName, out int c) ? c : 0;
        _counters[baseName] = n + 1;
        return n == 0 ? baseName : baseName + "_" + n.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class ScopeExit(Stack<string> scopes) : IDisposable
    {
        public void Dispose() => scopes.Pop();
    }
}

public sealed record ValueSpec(string Name, ElementType Type, Dim[] Shape);

public sealed record NodeSpec(string OpType, string Domain, string Name, string[] Inputs, string[] Outputs, Attr[] Attributes);
