using Gateway.ModelKit.Onnx;

namespace Gateway.Intent.Classifier;

/// <summary>
/// The intent classifier as an ONNX graph: an embedding bag over hashed feature buckets.
/// <c>probabilities = softmax(Σₙ weights[b,n] · W[indices[b,n]] + bias)</c>; padding entries carry weight 0.
/// </summary>
public static class IntentClassifierGraph
{
    public const string IndicesInput = "indices";
    public const string WeightsInput = "weights";
    public const string ProbabilitiesOutput = "probabilities";
    public const string WeightName = "classifier.weight";
    public const string BiasName = "classifier.bias";

    /// <param name="weight">Row-major [buckets, labels]: one row of label scores per feature bucket.</param>
    /// <param name="bias">[labels].</param>
    /// <param name="storeAs">Float keeps the weights exact; Float16 halves the file and widens after the Gather.</param>
    public static GraphBuilder Build(ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int buckets, ElementType storeAs = ElementType.Float)
    {
        int labels = bias.Length;
        if (labels < 2 || buckets < 1 || weight.Length != (long)buckets * labels)
        {
            throw new ArgumentException($"weight holds {weight.Length} values, expected {buckets} buckets × {labels} labels (at least 2)", nameof(weight));
        }

        var g = new GraphBuilder("intent_classifier");
        var indices = g.Input(IndicesInput, ElementType.Int64, "batch", "features");
        var weights = g.Input(WeightsInput, ElementType.Float, "batch", "features");
        var table = g.Initializer(TensorData.FromFloats(WeightName, weight, [buckets, labels], storeAs));
        var b = g.Initializer(TensorData.FromFloats(BiasName, bias, [labels]));

        using (g.Scope("classifier"))
        {
            var rows = table.Gather(indices); // [batch, features, labels]
            if (storeAs != ElementType.Float)
            {
                rows = rows.Cast(ElementType.Float);
            }

            var weighted = rows * weights.Unsqueeze(-1);
            var summed = g.Node("ReduceSum", [weighted, g.Constant([1])], new Attr("keepdims", 0L)); // [batch, labels]
            g.Output((summed + b).Softmax(), ProbabilitiesOutput, ElementType.Float, "batch", labels);
        }

        return g;
    }
}
