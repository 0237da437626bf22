using Gateway.Intent.Classifier;
using Gateway.Intent.Featurization;
using Gateway.Intent.Training;
using Gateway.ModelKit.Onnx;
using Gateway.TestSupport;
using Microsoft.ML.OnnxRuntime;

namespace Gateway.Intent.Tests.Classifier;

public class IntentClassifierGraphTests
{
    private const int Buckets = 64;
    private const int Labels = 3;

    [Theory]
    [InlineData(ElementType.Float, 1e-5)]
    [InlineData(ElementType.Float16, 1e-5)]
    public void Run_PaddedBatch_EqualsSoftmaxOfWeightedRowSumPlusBias(ElementType storeAs, double tolerance)
    {
        var model = RandomModel(seed: 7);
        if (storeAs == ElementType.Float16)
        {
            // The reference uses the rounded weights the graph stores.
            RoundToHalf(model.Weight);
        }

        var a = new SparseFeatures([3, 17, 63], [0.5f, -0.25f, 0.8f]);
        var b = new SparseFeatures([0], [1f]);
        using var dir = new TemporaryDirectory();
        string path = dir.Combine("intent.onnx");
        OnnxModelWriter.Save(IntentClassifierGraph.Build(model.Weight, model.Bias, Buckets, storeAs), path);

        // Row b is padded to the batch's width with weight 0, which must add nothing.
        long[] indices = [3, 17, 63, 0, 42, 42];
        float[] weights = [0.5f, -0.25f, 0.8f, 1f, 0f, 0f];
        using var session = new InferenceSession(path);
        using var indicesValue = OrtValue.CreateTensorValueFromMemory(indices, [2, 3]);
        using var weightsValue = OrtValue.CreateTensorValueFromMemory(weights, [2, 3]);
        using var outputs = session.Run(new RunOptions(),
            new Dictionary<string, OrtValue> { [IntentClassifierGraph.IndicesInput] = indicesValue, [IntentClassifierGraph.WeightsInput] = weightsValue },
            [IntentClassifierGraph.ProbabilitiesOutput]);

        var actual = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        float[] expected = [.. model.Probabilities(a), .. model.Probabilities(b)];
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], tolerance);
        }
    }

    [Fact]
    public void Build_WeightOfWrongSize_Throws()
    {
        Assert.Throws<ArgumentException>(() => IntentClassifierGraph.Build(new float[10], new float[Labels], Buckets));
    }

    private static LinearModel RandomModel(int seed)
    {
        var random = new Random(seed);
        var model = new LinearModel(Buckets, Labels);
        for (int i = 0; i < model.Weight.Length; i++)
        {
            model.Weight[i] = (float)(random.NextDouble() * 4 - 2);
        }

        for (int k = 0; k < Labels; k++)
        {
            model.Bias[k] = (float)(random.NextDouble() - 0.5);
        }

        return model;
    }

    private static void RoundToHalf(float[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(Half)values[i];
        }
    }
}
