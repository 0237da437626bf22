namespace Gateway.Training.Tests;

/// <summary>
/// Central finite differences in fp32 inputs with double accumulation of the scalar loss. A coordinate
/// passes when |numeric − analytic| ≤ relative·max(|numeric|, |analytic|) + absolute; the absolute
/// floor is far below the gradients checked, so a wrong formula (sign, factor, missing term) fails.
/// </summary>
internal static class GradientCheck
{
    public static void Assert(string what, float[] parameter, float[] analytic, Func<double> loss,
        float eps = 1e-2f, double relative = 2e-2, double absolute = 1e-4, IEnumerable<int>? indices = null)
    {
        double largest = 0;
        foreach (int i in indices ?? Enumerable.Range(0, parameter.Length))
        {
            float saved = parameter[i];
            parameter[i] = saved + eps;
            double plus = loss();
            parameter[i] = saved - eps;
            double minus = loss();
            parameter[i] = saved;
            double numeric = (plus - minus) / (2 * eps);
            double error = Math.Abs(numeric - analytic[i]);
            largest = Math.Max(largest, Math.Abs(numeric));
            Xunit.Assert.True(error <= (relative * Math.Max(Math.Abs(numeric), Math.Abs(analytic[i]))) + absolute,
                $"{what}[{i}]: analytic {analytic[i]:G6}, numeric {numeric:G6}");
        }

        // A check of all-zero gradients would prove nothing.
        Xunit.Assert.True(largest > 50 * absolute, $"{what}: gradients too small to check ({largest:G3})");
    }

    public static float[] Random(int length, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((rng.NextDouble() * 2) - 1) * scale).ToArray();
    }

    /// <summary>Σ w·y in double: a random linear functional of a layer's output, so every output element matters.</summary>
    public static double Project(float[] y, float[] w)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += (double)y[i] * w[i];
        }

        return sum;
    }
}
