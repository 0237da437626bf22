using Gateway.ModelKit.Llama;
using Gateway.Training.Model;

namespace Gateway.Training.Tests.Model;

public class TrainerTests
{
    private static readonly TrainingOptions Memorise = new()
    {
        Steps = 60, BatchSize = 2, LearningRate = 1e-2f, WarmupSteps = 5, WeightDecay = 0f, Seed = 4,
    };

    [Fact]
    public void Run_MemorisingThreeSequences_LossFallsBelowAQuarter()
    {
        var data = TinyModels.Sequences().Append(TinyModels.Sequence([9, 9, 3, 14, 15, 16, 17, 18], 2)).ToList();
        var parameters = LlamaParameters.From(LlamaWeights.Random(TinyModels.Config(), seed: 1));

        var result = new Trainer(parameters, Memorise).Run(data);

        Assert.True(result.FinalLoss < result.FirstLoss / 4, $"loss {result.FirstLoss} -> {result.FinalLoss}");
    }

    [Fact]
    public void Run_SameSeedTwice_SameWeightsBitForBit()
    {
        var data = TinyModels.Sequences();
        float[] Train()
        {
            var parameters = LlamaParameters.From(LlamaWeights.Random(TinyModels.Config(), seed: 1));
            new Trainer(parameters, Memorise with { Steps = 8, BatchSize = 1, Accumulate = 2 }).Run(data);
            return [.. parameters.Names.SelectMany(parameters.Value)];
        }

        Assert.Equal(Train(), Train());
    }

    [Fact]
    public void Run_AccumulatingTwoPassesOfOne_MatchesOneBatchOfTwo()
    {
        var data = TinyModels.Sequences();
        float[] Train(int batch, int accumulate)
        {
            var parameters = LlamaParameters.From(LlamaWeights.Random(TinyModels.Config(), seed: 1));
            new Trainer(parameters, Memorise with { Steps = 3, BatchSize = batch, Accumulate = accumulate }).Run(data);
            return [.. parameters.Names.SelectMany(parameters.Value)];
        }

        var once = Train(2, 1);
        var accumulated = Train(1, 2);
        Assert.All(once.Zip(accumulated), p => Assert.True(Math.Abs(p.First - p.Second) < 1e-5f, $"{p.First} vs {p.Second}"));
    }

    [Fact]
    public void Run_StoppedAndResumedFromCheckpoint_EndsWithTheSameWeights()
    {
        var data = TinyModels.Sequences();
        using var dir = new Gateway.TestSupport.TemporaryDirectory();
        var options = Memorise with { Steps = 6, BatchSize = 1, CheckpointDirectory = dir.Path, CheckpointEvery = 3 };

        var straight = LlamaParameters.From(LlamaWeights.Random(TinyModels.Config(), seed: 1));
        new Trainer(straight, options with { CheckpointDirectory = null }).Run(data, "d");

        var first = LlamaParameters.From(LlamaWeights.Random(TinyModels.Config(), seed: 1));
        using (var cancel = new CancellationTokenSource())
        {
            var stopAfterThree = new Progress3(cancel);
            Assert.ThrowsAny<OperationCanceledException>(() => new Trainer(first, options).Run(data, "d", stopAfterThree, cancel.Token));
        }

        var resumed = LlamaParameters.From(LlamaWeights.Random(TinyModels.Config(), seed: 1));
        var result = new Trainer(resumed, options with { Resume = true }).Run(data, "d");

        Assert.Equal(3, result.StartStep);
        Assert.Equal(straight.Names.SelectMany(straight.Value), resumed.Names.SelectMany(resumed.Value));
    }

    private sealed class Progress3(CancellationTokenSource cancel) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step == 3)
            {
                cancel.Cancel();
            }
        }
    }
}
