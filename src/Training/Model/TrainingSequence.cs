namespace Gateway.Training.Model;

/// <summary>One tokenized example: its ids and, per id, whether predicting it counts towards the loss.</summary>
public sealed record TrainingSequence(IReadOnlyList<int> Tokens, IReadOnlyList<bool> LossMask)
{
    public int TargetCount => LossMask.Skip(1).Count(m => m);
}
