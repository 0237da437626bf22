using Gateway.Intent.Featurization;

namespace Gateway.Intent.Classifier;

/// <summary>
/// The classifier's parameters in C#: row-major weights [buckets, labels] and a bias [labels]. The same math as the
/// ONNX graph, so the trainer can evaluate without a session and tests can check the graph against it.
/// </summary>
public sealed class LinearModel(int buckets, int labels)
{
    public int Buckets { get; } = buckets;
    public int LabelCount { get; } = labels;
    public float[] Weight { get; } = new float[(long)buckets * labels];
    public float[] Bias { get; } = new float[labels];

    public float[] Logits(SparseFeatures features)
    {
        var logits = (float[])Bias.Clone();
        for (int i = 0; i < features.Count; i++)
        {
            long row = features.Indices[i] * LabelCount;
            float value = features.Values[i];
            for (int k = 0; k < LabelCount; k++)
            {
                logits[k] += value * Weight[row + k];
            }
        }

        return logits;
    }

    public float[] Probabilities(SparseFeatures features) => Softmax(Logits(features));

    public static float[] Softmax(ReadOnlySpan<float> logits, float temperature = 1)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits)
        {
            max = Math.Max(max, l / temperature);
        }

        var p = new float[logits.Length];
        double sum = 0;
        for (int k = 0; k < p.Length; k++)
        {
            p[k] = MathF.Exp(logits[k] / temperature - max);
            sum += p[k];
        }

        for (int k = 0; k < p.Length; k++)
        {
            p[k] = (float)(p[k] / sum);
        }

        return p;
    }

    /// <summary>Folds a calibration temperature into the parameters: softmax(z / T) becomes softmax of the new logits.</summary>
    public void DivideBy(float temperature)
    {
        for (long i = 0; i < Weight.LongLength; i++)
        {
            Weight[i] /= temperature;
        }

        for (int k = 0; k < Bias.Length; k++)
        {
            Bias[k] /= temperature;
        }
    }
}
