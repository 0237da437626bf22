using Gateway.Intent.Classifier;
using Gateway.Intent.Training;

namespace Gateway.Intent.Tests.Training;

public class CalibrationTests
{
    [Fact]
    public void Fit_OverconfidentLogits_FindsATemperatureAboveOne()
    {
        // Logits say ~99.99% but only 3 of 4 are right: the fitted temperature must soften them.
        float[][] logits = [[10, 0], [10, 0], [10, 0], [10, 0]];
        int[] gold = [0, 0, 0, 1];

        float t = TemperatureScaling.Fit(logits, gold);

        var p = LinearModel.Softmax(logits[0], t);
        Assert.True(t > 1);
        Assert.Equal(0.75, p[0], 2);
    }

    [Fact]
    public void Compute_KnownPredictions_GivesAccuracyF1ConfusionAndEce()
    {
        string[] labels = ["a", "b"];
        int[] gold = [0, 0, 1, 1];
        float[][] probabilities = [[0.9f, 0.1f], [0.6f, 0.4f], [0.3f, 0.7f], [0.8f, 0.2f]];

        var report = ClassificationReport.Compute(labels, gold, probabilities);

        Assert.Equal(0.75, report.Accuracy);
        Assert.Equal([2, 0], report.Confusion[0]);
        Assert.Equal([1, 1], report.Confusion[1]);
        Assert.Equal(0.8, report.F1[0], 6);
        Assert.Equal(2 / 3.0, report.F1[1], 6);
        // Bins: 0.9 right (|1-0.9|), 0.6 right (|1-0.6|), 0.7 right (|1-0.7|), 0.8 wrong (|0-0.8|) → (0.1+0.4+0.3+0.8)/4.
        Assert.Equal(0.4, report.ExpectedCalibrationError, 5);
    }

    [Fact]
    public void Choose_SeparableConfidences_PutsOutOfScopeUnderTheThreshold()
    {
        var inScope = Enumerable.Range(0, 20).Select(i => (0.9f + i * 0.004f, true)).ToList();
        float[] outOfScope = [0.4f, 0.5f, 0.6f, 0.7f];

        var choice = ThresholdChoice.Choose(inScope, outOfScope);

        Assert.Equal(4, choice.OutOfScopeBelow);
        Assert.Equal(20, choice.InScopeCorrectAbove);
    }
}
