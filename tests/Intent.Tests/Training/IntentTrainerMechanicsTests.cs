using Gateway.Intent.Packaging;
using Gateway.Intent.Training;
using Gateway.ModelKit.Packaging;
using Gateway.TestSupport;

namespace Gateway.Intent.Tests.Training;

/// <summary>
/// Seeding and refusals of the trainer, on the committed data and default options but a small hash space
/// (<see cref="SmallTrainedPackage"/>): every step of a run is still taken, each a fraction of the cost.
/// </summary>
public class IntentTrainerMechanicsTests(SmallTrainedPackage trained) : IClassFixture<SmallTrainedPackage>
{
    [Fact]
    public void Train_SameSeedAgain_WritesByteIdenticalPackage()
    {
        using var dir = new TemporaryDirectory();
        string again = dir.Combine("v-test");

        IntentTrainer.Train(RepositoryFiles.IntentData, again, new TrainerOptions(), featurizerSettings: trained.Featurizer, created: TrainedPackage.Created);

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

        IntentTrainer.Train(RepositoryFiles.IntentData, other, new TrainerOptions { Seed = 2 }, featurizerSettings: trained.Featurizer, created: TrainedPackage.Created);

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(trained.Directory, IntentPackageLayout.ModelFile)),
            File.ReadAllBytes(Path.Combine(other, IntentPackageLayout.ModelFile)));
    }

    [Fact]
    public void Train_IntoNonEmptyFolder_Refuses()
    {
        var e = Assert.Throws<IOException>(() =>
            IntentTrainer.Train(RepositoryFiles.IntentData, trained.Directory, new TrainerOptions { Epochs = 1 }, featurizerSettings: trained.Featurizer));

        Assert.Contains("not empty", e.Message, StringComparison.Ordinal);
    }
}
