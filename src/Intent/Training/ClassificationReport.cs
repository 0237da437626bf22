using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Gateway.Intent.Training;

/// <summary>How well predicted probabilities match gold labels: accuracy, F1, confusion and calibration.</summary>
public sealed record ClassificationReport(
    IReadOnlyList<string> Labels,
    int Examples,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<double> F1,
    int[][] Confusion,
    double ExpectedCalibrationError)
{
    /// <summary>Equal-width confidence bins for the expected calibration error.</summary>
    public const int CalibrationBins = 10;

    public static ClassificationReport Compute(IReadOnlyList<string> labels, IReadOnlyList<int> gold, IReadOnlyList<float[]> probabilities)
    {
        int k = labels.Count;
        var confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        var binCount = new int[CalibrationBins];
        var binCorrect = new double[CalibrationBins];
        var binConfidence = new double[CalibrationBins];
        for (int i = 0; i < gold.Count; i++)
        {
            var (predicted, confidence) = ArgMax(probabilities[i]);
            confusion[gold[i]][predicted]++;
            int bin = Math.Min(CalibrationBins - 1, (int)(confidence * CalibrationBins));
            binCount[bin]++;
            binConfidence[bin] += confidence;
            binCorrect[bin] += predicted == gold[i] ? 1 : 0;
        }

        int n = Math.Max(1, gold.Count);
        double ece = Enumerable.Range(0, CalibrationBins).Sum(b => Math.Abs(binCorrect[b] - binConfidence[b]) / n);
        var f1 = Enumerable.Range(0, k).Select(c => F1Of(confusion, c)).ToArray();
        double accuracy = Enumerable.Range(0, k).Sum(c => confusion[c][c]) / (double)n;
        return new ClassificationReport(labels, gold.Count, accuracy, f1.Average(), f1, confusion, ece);
    }

    public static (int Label, float Confidence) ArgMax(float[] probabilities)
    {
        int best = 0;
        for (int c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
            {
                best = c;
            }
        }

        return (best, probabilities[best]);
    }

    public JsonObject ToJson()
    {
        var f1 = new JsonObject();
        var confusion = new JsonObject();
        for (int c = 0; c < Labels.Count; c++)
        {
            f1[Labels[c]] = Round(F1[c]);
            confusion[Labels[c]] = new JsonArray(Confusion[c].Select(v => (JsonNode)v).ToArray());
        }

        return new JsonObject
        {
            ["examples"] = Examples,
            ["accuracy"] = Round(Accuracy),
            ["macroF1"] = Round(MacroF1),
            ["f1"] = f1,
            ["ece"] = Round(ExpectedCalibrationError),
            ["confusion"] = confusion,
        };
    }

    /// <summary>A plain-text table for the command line: rows are gold labels, columns predictions.</summary>
    public string Format()
    {
        var s = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        s.AppendLine(ci, $"examples   {Examples}");
        s.AppendLine(ci, $"accuracy   {Accuracy:F4}");
        s.AppendLine(ci, $"macro-F1   {MacroF1:F4}");
        s.AppendLine(ci, $"ECE        {ExpectedCalibrationError:F4} ({CalibrationBins} bins)");
        s.AppendLine(ci, $"F1         {string.Join("  ", Labels.Select((l, c) => $"{l} {F1[c]:F4}"))}");
        s.AppendLine(ci, $"confusion (rows gold, columns predicted)");
        s.AppendLine(ci, $"  {"",-10}{string.Concat(Labels.Select(l => $"{l,10}"))}");
        for (int c = 0; c < Labels.Count; c++)
        {
            s.AppendLine(ci, $"  {Labels[c],-10}{string.Concat(Confusion[c].Select(v => $"{v,10}"))}");
        }

        return s.ToString();
    }

    private static double F1Of(int[][] confusion, int c)
    {
        int truePositives = confusion[c][c];
        int predicted = confusion.Sum(row => row[c]);
        int actual = confusion[c].Sum();
        return predicted + actual == 0 ? 0 : 2.0 * truePositives / (predicted + actual);
    }

    private static double Round(double value) => Math.Round(value, 6);
}
