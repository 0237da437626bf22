namespace Gateway.Training;

/// <summary>One optimizer step's report.</summary>
/// <param name="Loss">Mean loss per counted token of this step.</param>
/// <param name="SmoothedLoss">Exponential moving average of the loss (bias-corrected).</param>
/// <param name="TokensPerSecond">All tokens processed (prompt and answer) per wall-clock second, since the run started.</param>
public sealed record TrainingProgress(
    int Step, int TotalSteps, double Loss, double SmoothedLoss, double TokensPerSecond, float LearningRate, double GradientNorm, TimeSpan Eta)
{
    public string Format() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"step {Step}/{TotalSteps}  loss {SmoothedLoss:F4}  {TokensPerSecond:N0} tok/s  lr {LearningRate:E2}  |g| {GradientNorm:F2}  eta {Eta:hh\\:mm\\:ss}");
}
