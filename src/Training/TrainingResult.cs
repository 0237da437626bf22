namespace Gateway.Training;

/// <summary>What a run did.</summary>
/// <param name="StartStep">The step the run started from (non-zero after --resume).</param>
/// <param name="Tokens">Tokens processed over the whole training, including before a resume.</param>
public sealed record TrainingResult(int StartStep, int Steps, long Tokens, double FinalLoss, double FirstLoss, TimeSpan Duration);
