namespace Gateway.Training;

/// <summary>How to train: length, batch, optimizer and checkpoint settings. Defaults suit a small department model.</summary>
public sealed record TrainingOptions
{
    /// <summary>Optimizer steps; when null, <see cref="Epochs"/> decides.</summary>
    public int? Steps { get; init; }

    /// <summary>Passes over the data when <see cref="Steps"/> is null.</summary>
    public double Epochs { get; init; } = 3;

    /// <summary>Sequences per forward/backward pass.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Passes whose gradients are summed before one optimizer step.</summary>
    public int Accumulate { get; init; } = 1;

    public float LearningRate { get; init; } = 1e-3f;
    public int WarmupSteps { get; init; } = 20;
    public float MinLearningRateRatio { get; init; } = 0.1f;
    public float WeightDecay { get; init; } = 0.1f;
    public float Beta1 { get; init; } = 0.9f;
    public float Beta2 { get; init; } = 0.95f;

    /// <summary>Global gradient-norm clip; 0 disables it.</summary>
    public float ClipNorm { get; init; } = 1f;

    public int Seed { get; init; } = 1;

    /// <summary>Where checkpoints go; null: no checkpoints.</summary>
    public string? CheckpointDirectory { get; init; }

    public int CheckpointEvery { get; init; } = 100;

    /// <summary>Continue from the checkpoint in <see cref="CheckpointDirectory"/> when there is one.</summary>
    public bool Resume { get; init; }

    public void Validate()
    {
        if (Steps is <= 0 || !(Epochs > 0) || BatchSize <= 0 || Accumulate <= 0 || !(LearningRate > 0) || WarmupSteps < 0 || CheckpointEvery <= 0 || ClipNorm < 0)
        {
            throw new ArgumentException("steps, epochs, batch, accumulate, learning rate and checkpoint interval must be positive; warmup and clip not negative");
        }

        if (Resume && CheckpointDirectory is null)
        {
            throw new ArgumentException("--resume needs a checkpoint directory");
        }
    }

    public int TotalSteps(int examples)
    {
        int perStep = BatchSize * Accumulate;
        return Steps ?? Math.Max(1, (int)Math.Ceiling(Epochs * examples / perStep));
    }
}
