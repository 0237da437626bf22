using Gateway.ModelKit.Packaging;

namespace Gateway.Training.Jobs;

/// <summary>What a training job produced.</summary>
/// <param name="Skipped">Examples left out because truncation to the context left no assistant token.</param>
public sealed record TrainingReport(string PackageDirectory, PackageManifest Manifest, TrainingResult Result, int Examples, int Skipped, long PackageBytes);
