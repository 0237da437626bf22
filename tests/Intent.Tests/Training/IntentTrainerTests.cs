using Gateway.Intent.Packaging;
using Gateway.ModelKit.Packaging;

namespace Gateway.Intent.Tests.Training;

/// <summary>What a full-size training run on the committed data reaches and records.</summary>
public class IntentTrainerTests(TrainedPackage trained) : IClassFixture<TrainedPackage>
{
    [Fact]
    public void Train_SeedData_ReachesHighDevAccuracyAndKeepsTheCommittedModelsLevel()
    {
        double committed = PackageManifest.Load(RepositoryFiles.DefaultModel).Metrics["accuracy"]!.GetValue<double>();

        Assert.True(trained.Result.Dev.Accuracy >= 0.95, $"dev accuracy {trained.Result.Dev.Accuracy:F4}");
        Assert.True(trained.Result.Dev.MacroF1 >= 0.95, $"dev macro-F1 {trained.Result.Dev.MacroF1:F4}");
        Assert.True(trained.Result.Dev.Accuracy >= committed - 0.01, $"dev accuracy {trained.Result.Dev.Accuracy:F4}, committed model {committed:F4}");
    }

    [Fact]
    public void Train_SeedData_IsCalibratedOnDev()
    {
        Assert.True(trained.Result.Dev.ExpectedCalibrationError <= 0.05, $"dev ECE {trained.Result.Dev.ExpectedCalibrationError:F4}");
    }

    [Fact]
    public void Train_WritesManifestWithDataDigestMetricsAndThreshold()
    {
        var manifest = PackageManifest.Load(trained.Directory);

        Assert.Equal(IntentPackageLayout.Department, manifest.Department);
        Assert.Equal("v-test", manifest.Version);
        Assert.Equal(64, manifest.Training["data"]!["sha256"]!.GetValue<string>().Length);
        Assert.Equal(1, manifest.Training["seed"]!.GetValue<int>());
        Assert.Equal(trained.Result.Threshold.Threshold, manifest.Metrics[IntentPackageLayout.ThresholdMetric]!.GetValue<float>());
        Assert.Equal(["hr", "it", "support"], manifest.Metrics["f1"]!.AsObject().Select(p => p.Key));
        Assert.Equal(IntentPackageLayout.RequiredFiles.Order(), manifest.Files.Keys.Order());
    }
}
