using System.Text.Json.Nodes;
using Gateway.Intent.Classifier;
using Gateway.Intent.Featurization;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;

namespace Gateway.Intent.Packaging;

/// <summary>Writes an intent-model package: the ONNX classifier, its labels, featurizer settings and manifest.</summary>
public static class IntentPackageWriter
{
    public static void Write(string directory, string version, LinearModel model, IReadOnlyList<string> labels,
        FeaturizerSettings featurizer, JsonObject training, JsonObject metrics, DateTimeOffset created)
    {
        if (labels.Count != model.LabelCount || featurizer.Buckets != model.Buckets)
        {
            throw new ArgumentException($"the model has {model.LabelCount} labels × {model.Buckets} buckets; labels and featurizer say {labels.Count} × {featurizer.Buckets}", nameof(labels));
        }

        // Every file in the folder goes into the manifest, so leftovers of an older package must not be there.
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new IOException($"'{directory}' is not empty: write a package into a new folder");
        }

        Directory.CreateDirectory(directory);
        var graph = IntentClassifierGraph.Build(model.Weight, model.Bias, model.Buckets);
        OnnxModelWriter.Save(graph, Path.Combine(directory, IntentPackageLayout.ModelFile), metadata: new Dictionary<string, string>
        {
            ["department"] = IntentPackageLayout.Department,
            ["version"] = version,
            ["labels"] = string.Join(",", labels),
        });
        IntentLabels.Save(directory, labels);
        featurizer.Save(directory);

        new PackageManifest
        {
            Department = IntentPackageLayout.Department,
            Version = version,
            Created = created,
            Producer = "gw intent train",
            Files = PackageManifest.HashFiles(directory),
            Training = training,
            Metrics = metrics,
        }.Save(directory);
    }
}
