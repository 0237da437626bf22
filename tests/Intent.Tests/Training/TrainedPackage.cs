using Gateway.Intent.Featurization;
using Gateway.Intent.Training;
using Gateway.TestSupport;

namespace Gateway.Intent.Tests.Training;

/// <summary>One package trained from the committed seed data with the default options, shared by a test class.</summary>
public class TrainedPackage : IDisposable
{
    public static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDirectory _dir = new();

    public TrainedPackage()
        : this(featurizer: null)
    {
    }

    protected TrainedPackage(FeaturizerSettings? featurizer)
    {
        Featurizer = featurizer;
        Directory = _dir.Combine("v-test");
        Result = IntentTrainer.Train(RepositoryFiles.IntentData, Directory, new TrainerOptions(), featurizerSettings: featurizer, created: Created);
    }

    public string Directory { get; }
    public IntentTrainingResult Result { get; }

    /// <summary>The featurizer settings it was trained with; null for the defaults.</summary>
    public FeaturizerSettings? Featurizer { get; }

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The same training (committed data, default options) into a hash space of 4096 buckets instead of 262144.
/// AdamW updates every row a batch has touched, so the default size costs about a minute a run in Debug; the
/// small space runs in about a second. For tests of the trainer's mechanics (seeding, refusals), not its quality.
/// </summary>
public sealed class SmallTrainedPackage() : TrainedPackage(SmallHashSpace)
{
    public static readonly FeaturizerSettings SmallHashSpace = new() { Buckets = 1 << 12 };
}
