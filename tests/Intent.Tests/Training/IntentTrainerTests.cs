using Gateway.Intent.Packaging;
using Gateway.Intent.Training;
using Gateway.ModelKit.Packaging;
using Gateway.TestSupport;

namespace Gateway.Intent.Tests.Training;

public class IntentTrainerTests(TrainedPackage trained) : IClassFixture<TrainedPackage>
{
    [Fact]
    public void Train_SameSeedAgain_WritesByteIdenticalPackage()
    {
        using var dir = new TemporaryDirectory();
        string again = dir.Combine("v-test");

        IntentTrainer.Train(RepositoryFiles.IntentData, again, new TrainerOptions(), created: TrainedPackage.Created);

        foreach (string file in IntentPackageLayout.RequiredFiles.Append(PackageManifest.FileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(trained.Directory, file)), File.ReadAllBytes(Path.Combine(again, file)));
        }
    }

    [Fact]
    public void Train_OtherSeed_WritesDifferentWeights()
    {
        using var dir = new TemporaryDirectory();
        string other = dir.Combine("v-other");

        IntentTrainer.Train(RepositoryFiles.IntentData, other, new TrainerOptions { Seed = 2 }, created: TrainedPackage.Created);

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(trained.Directory, IntentPackageLayout.ModelFile)),
            File.ReadAllBytes(Path.Combine(other, IntentPackageLayout.ModelFile)));
    }

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

    [Fact]
    public void Train_IntoNonEmptyFolder_Refuses()
    {
        var e = Assert.Throws<IOException>(() => IntentTrainer.Train(RepositoryFiles.IntentData, trained.Directory, new TrainerOptions { Epochs = 1 }));

        Assert.Contains("not empty", e.Message, StringComparison.Ordinal);
    }
}
