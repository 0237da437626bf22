namespace Gateway.ModelKit.Onnx;

/// <summary>
/// A tensor flowing through a graph under construction. The operators add nodes to the owning graph,
/// so model code reads like the math: <c>var h = x + attention(norm(x));</c>.
/// </summary>
public readonly record struct Value(GraphBuilder Graph, string Name)
{
    public static Value operator +(Value a, Value b) => a.Graph.Node("Add", a, b);
    public static Value operator -(Value a, Value b) => a.Graph.Node("Sub", a, b);
    public static Value operator *(Value a, Value b) => a.Graph.Node("Mul", a, b);
    public static Value operator /(Value a, Value b) => a.Graph.Node("Div", a, b);
    public static Value operator *(Value a, float b) => a * a.Graph.Scalar(b);
    public static Value operator +(Value a, float b) => a + a.Graph.Scalar(b);

    public Value MatMul(Value other) => Graph.Node("MatMul", this, other);
    public Value Reshape(params long[] shape) => Graph.Node("Reshape", this, Graph.Constant(shape));
    public Value Reshape(Value shape) => Graph.Node("Reshape", this, shape);
    public Value Transpose(params long[] perm) => Graph.Node("Transpose", [this], new Attr("perm", perm));
    public Value Unsqueeze(params long[] axes) => Graph.Node("Unsqueeze", this, Graph.Constant(axes));
    public Value Cast(ElementType to) => Graph.Node("Cast", [this], new Attr("to", (long)to));
    public Value Pow(float exponent) => Graph.Node("Pow", this, Graph.Scalar(exponent));
    public Value Sqrt() => Graph.Node("Sqrt", this);
    public Value Sigmoid() => Graph.Node("Sigmoid", this);
    public Value Neg() => Graph.Node("Neg", this);
    public Value Softmax(long axis = -1) => Graph.Node("Softmax", [this], new Attr("axis", axis));
    public Value ReduceMean(long axis, bool keepDims = true) =>
        Graph.Node("ReduceMean", [this, Graph.Constant([axis])], new Attr("keepdims", keepDims ? 1L : 0L));
    public Value Gather(Value indices, long axis = 0) => Graph.Node("Gather", [this, indices], new Attr("axis", axis));
    public Value Shape() => Graph.Node("Shape", this);

    /// <summary>One element of a 1-D shape tensor, kept as a 1-element vector for Concat and Range.</summary>
    public Value Dim(long index) => Graph.Node("Gather", [Shape(), Graph.Constant([index])], new Attr("axis", 0L));

    public Value Slice(long axis, Value start, Value end) =>
        Graph.Node("Slice", this, start, end, Graph.Constant([axis]));

    public override string ToString() => Name;
}
