using System.Globalization;
using System.Text.Json.Nodes;
using Gateway.Intent.Classifier;
using Gateway.Intent.Featurization;
using Gateway.Intent.Packaging;

namespace Gateway.Intent.Training;

/// <summary>The result of a training run: the dev report after calibration and the chosen threshold.</summary>
public sealed record IntentTrainingResult(
    string Directory,
    ClassificationReport Dev,
    double UncalibratedEce,
    float Temperature,
    ThresholdChoice Threshold);

/// <summary>
/// Trains an intent-model package from a data folder: featurize, fit logistic regression, calibrate one temperature
/// on dev and fold it into the weights, choose the confidence threshold with the out-of-scope set, write the package.
/// </summary>
public static class IntentTrainer
{
    public static IntentTrainingResult Train(string dataDirectory, string outDirectory, TrainerOptions options,
        IProgress<string>? progress = null, FeaturizerSettings? featurizerSettings = null, DateTimeOffset? created = null)
    {
        var data = TrainingData.Load(dataDirectory);
        var settings = featurizerSettings ?? new FeaturizerSettings();
        settings.Validate();
        var featurizer = new Featurizer(settings);
        var labels = data.Labels;
        var trainX = data.Train.Select(e => featurizer.Featurize(e.Text)).ToList();
        var trainY = data.Train.Select(e => IndexOf(labels, e.Label)).ToList();
        var devX = data.Dev.Select(e => featurizer.Featurize(e.Text)).ToList();
        var devY = data.Dev.Select(e => IndexOf(labels, e.Label)).ToList();
        progress?.Report($"{data.Train.Count} training, {data.Dev.Count} dev, {data.OutOfScope.Count} out-of-scope examples; labels {string.Join(", ", labels)}");

        var model = LogisticRegressionTrainer.Train(trainX, trainY, settings.Buckets, labels.Count, options, e =>
        {
            double devAccuracy = ClassificationReport.Compute(labels, devY, devX.Select(e.Model.Probabilities).ToList()).Accuracy;
            progress?.Report(string.Create(CultureInfo.InvariantCulture,
                $"epoch {e.Epoch,3}/{e.Epochs}  loss {e.Loss:F4}  train acc {e.Accuracy:F4}  dev acc {devAccuracy:F4}"));
        });

        var devLogits = devX.Select(model.Logits).ToList();
        double uncalibratedEce = ClassificationReport.Compute(labels, devY, devLogits.Select(z => LinearModel.Softmax(z)).ToList()).ExpectedCalibrationError;
        float temperature = TemperatureScaling.Fit(devLogits, devY);
        model.DivideBy(temperature);

        var devProbabilities = devX.Select(model.Probabilities).ToList();
        var dev = ClassificationReport.Compute(labels, devY, devProbabilities);
        var oosConfidence = data.OutOfScope.Select(e => model.Probabilities(featurizer.Featurize(e.Text)).Max()).ToList();
        var threshold = ThresholdChoice.Choose(
            devProbabilities.Select((p, i) => (ClassificationReport.ArgMax(p).Confidence, ClassificationReport.ArgMax(p).Label == devY[i])).ToList(),
            oosConfidence);
        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"temperature {temperature:F4}: dev ECE {uncalibratedEce:F4} → {dev.ExpectedCalibrationError:F4}; threshold {threshold.Threshold:F2}: {threshold.OutOfScopeBelow}/{threshold.OutOfScope} out-of-scope under it"));

        var training = options.ToJson();
        training["data"] = data.Digest;
        training["examples"] = new JsonObject { ["train"] = data.Train.Count, ["dev"] = data.Dev.Count, ["oos"] = data.OutOfScope.Count };
        training["temperature"] = temperature;

        var metrics = dev.ToJson();
        metrics["eceBeforeCalibration"] = Math.Round(uncalibratedEce, 6);
        metrics[IntentPackageLayout.ThresholdMetric] = threshold.Threshold;
        metrics["thresholdChoice"] = threshold.ToJson();

        string version = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory)));
        IntentPackageWriter.Write(outDirectory, version, model, labels, settings, training, metrics, created ?? DateTimeOffset.UtcNow);
        return new IntentTrainingResult(Path.GetFullPath(outDirectory), dev, uncalibratedEce, temperature, threshold);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label) =>
        labels.Select((l, i) => (l, i)).First(p => p.l == label).i;
}
