using Gateway.Training.Model;

namespace Gateway.Training.Optimization;

/// <summary>
/// AdamW (decoupled weight decay, bias-corrected moments) over every tensor of a <see cref="LlamaParameters"/>;
/// weight decay applies to matrices only, never to norm weights.
/// </summary>
public sealed class AdamW
{
    private readonly LlamaParameters _parameters;

    public AdamW(LlamaParameters parameters, float beta1 = 0.9f, float beta2 = 0.95f, float eps = 1e-8f, float weightDecay = 0.1f)
    {
        _parameters = parameters;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        FirstMoments = parameters.Names.ToDictionary(n => n, n => new float[parameters.Value(n).Length], StringComparer.Ordinal);
        SecondMoments = parameters.Names.ToDictionary(n => n, n => new float[parameters.Value(n).Length], StringComparer.Ordinal);
    }

    public float Beta1 { get; }
    public float Beta2 { get; }
    public float Eps { get; }
    public float WeightDecay { get; }

    /// <summary>Updates taken so far (for bias correction); restored from checkpoints.</summary>
    public int Steps { get; set; }

    internal IReadOnlyDictionary<string, float[]> FirstMoments { get; }
    internal IReadOnlyDictionary<string, float[]> SecondMoments { get; }

    /// <summary>Global L2 norm of all gradients, summed tensor by tensor in a fixed order.</summary>
    public double GradientNorm()
    {
        double sum = 0;
        foreach (string name in _parameters.Names)
        {
            double tensor = 0;
            foreach (float g in _parameters.Grad(name))
            {
                tensor += (double)g * g;
            }

            sum += tensor;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>One update with gradients multiplied by <paramref name="gradScale"/> (for clipping).</summary>
    public void Step(float learningRate, float gradScale = 1f)
    {
        Steps++;
        float correction1 = 1f - MathF.Pow(Beta1, Steps), correction2 = 1f - MathF.Pow(Beta2, Steps);
        Parallel.ForEach(_parameters.Names, name =>
        {
            var w = _parameters.Value(name);
            var g = _parameters.Grad(name);
            var m = FirstMoments[name];
            var v = SecondMoments[name];
            float decay = _parameters.IsMatrix(name) ? 1f - (learningRate * WeightDecay) : 1f;
            for (int i = 0; i < w.Length; i++)
            {
                float grad = g[i] * gradScale;
                m[i] = (Beta1 * m[i]) + ((1f - Beta1) * grad);
                v[i] = (Beta2 * v[i]) + ((1f - Beta2) * grad * grad);
                float update = m[i] / correction1 / (MathF.Sqrt(v[i] / correction2) + Eps);
                w[i] = (w[i] * decay) - (learningRate * update);
            }
        });
    }
}
