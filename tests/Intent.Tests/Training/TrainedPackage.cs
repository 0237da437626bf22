using Gateway.Intent.Training;
using Gateway.TestSupport;

namespace Gateway.Intent.Tests.Training;

/// <summary>One package trained from the committed seed data with the default options, shared by a test class.</summary>
public sealed class TrainedPackage : IDisposable
{
    public static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _dir = new();

    public TrainedPackage()
    {
        Directory = _dir.Combine("v-test");
        Result = IntentTrainer.Train(RepositoryFiles.IntentData, Directory, new TrainerOptions(), created: Created);
    }

    public string Directory { get; }
    public IntentTrainingResult Result { get; }

    public void Dispose() => _dir.Dispose();
}
