using System.Text.Json.Nodes;

namespace Gateway.Intent.Training;

/// <summary>
/// The recommended confidence threshold: the one that best separates in-scope dev messages routed correctly
/// (kept above it) from out-of-scope messages (pushed under it), while keeping most correct routes.
/// </summary>
public sealed record ThresholdChoice(float Threshold, int InScope, int InScopeCorrectAbove, int OutOfScope, int OutOfScopeBelow)
{
    /// <summary>The threshold may not give up more than this share of the dev set's correct routes.</summary>
    public const double MinCorrectKept = 0.95;

    public static ThresholdChoice Choose(IReadOnlyList<(float Confidence, bool Correct)> inScope, IReadOnlyList<float> outOfScopeConfidence)
    {
        int correct = inScope.Count(p => p.Correct);
        ThresholdChoice? best = null;
        double bestScore = double.NegativeInfinity;
        for (int percent = 34; percent <= 99; percent++)
        {
            float t = percent / 100f;
            int kept = inScope.Count(p => p.Correct && p.Confidence >= t);
            int rejected = outOfScopeConfidence.Count(c => c < t);
            if (kept < MinCorrectKept * correct)
            {
                break;
            }

            double score = kept / (double)Math.Max(1, inScope.Count) + rejected / (double)Math.Max(1, outOfScopeConfidence.Count);
            if (score > bestScore)
            {
                (best, bestScore) = (new ThresholdChoice(t, inScope.Count, kept, outOfScopeConfidence.Count, rejected), score);
            }
        }

        return best ?? new ThresholdChoice(0.34f, inScope.Count, correct, outOfScopeConfidence.Count, 0);
    }

    public JsonObject ToJson() => new()
    {
        ["threshold"] = Threshold,
        ["devExamples"] = InScope,
        ["devCorrectAboveThreshold"] = InScopeCorrectAbove,
        ["oosExamples"] = OutOfScope,
        ["oosUnderThreshold"] = OutOfScopeBelow,
    };
}
