namespace Gateway.Intent.Training;

/// <summary>
/// Calibration by one temperature: the T that minimises the dev set's negative log-likelihood of softmax(z / T).
/// A grid over log T, then a golden-section refinement: deterministic, no randomness.
/// </summary>
public static class TemperatureScaling
{
    public const double MinTemperature = 0.05;
    public const double MaxTemperature = 20;

    public static float Fit(IReadOnlyList<float[]> logits, IReadOnlyList<int> gold)
    {
        double lo = Math.Log(MinTemperature), hi = Math.Log(MaxTemperature);
        const int steps = 80;
        double best = 0, bestLoss = double.PositiveInfinity;
        for (int i = 0; i <= steps; i++)
        {
            double logT = lo + (hi - lo) * i / steps;
            double loss = NegativeLogLikelihood(logits, gold, Math.Exp(logT));
            if (loss < bestLoss)
            {
                (best, bestLoss) = (logT, loss);
            }
        }

        double step = (hi - lo) / steps;
        double a = Math.Max(lo, best - step), b = Math.Min(hi, best + step);
        double ratio = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < 40; i++)
        {
            double c = b - ratio * (b - a), d = a + ratio * (b - a);
            if (NegativeLogLikelihood(logits, gold, Math.Exp(c)) <= NegativeLogLikelihood(logits, gold, Math.Exp(d)))
            {
                b = d;
            }
            else
            {
                a = c;
            }
        }

        return (float)Math.Exp((a + b) / 2);
    }

    public static double NegativeLogLikelihood(IReadOnlyList<float[]> logits, IReadOnlyList<int> gold, double temperature)
    {
        double total = 0;
        for (int i = 0; i < logits.Count; i++)
        {
            double max = logits[i].Max() / temperature;
            double sum = logits[i].Sum(z => Math.Exp(z / temperature - max));
            total -= logits[i][gold[i]] / temperature - max - Math.Log(sum);
        }

        return total / Math.Max(1, logits.Count);
    }
}
