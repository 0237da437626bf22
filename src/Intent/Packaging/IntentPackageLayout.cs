namespace Gateway.Intent.Packaging;

/// <summary>The files of an intent-model package, <c>models/router/&lt;version&gt;/</c>.</summary>
public static class IntentPackageLayout
{
    /// <summary>The manifest's department: the router is packaged like a department model.</summary>
    public const string Department = "router";
    public const string ModelFile = "model.onnx";
    public const string LabelsFile = "labels.json";
    public const string FeaturizerFile = Featurization.FeaturizerSettings.FileName;

    /// <summary>Manifest metric: the confidence under which a prediction should not be trusted.</summary>
    public const string ThresholdMetric = "threshold";

    public static IReadOnlyList<string> RequiredFiles { get; } = [ModelFile, LabelsFile, FeaturizerFile];
}
