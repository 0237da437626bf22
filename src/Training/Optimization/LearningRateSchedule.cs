namespace Gateway.Training.Optimization;

/// <summary>Linear warmup from 0 to the peak, then cosine decay to <paramref name="MinRatio"/>·peak at the last step.</summary>
public sealed record LearningRateSchedule(float Peak, int WarmupSteps, int TotalSteps, float MinRatio = 0.1f)
{
    /// <param name="step">0-based index of the update about to be taken.</param>
    public float At(int step)
    {
        if (step < WarmupSteps)
        {
            return Peak * (step + 1) / WarmupSteps;
        }

        int decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        double progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * progress));
        return (float)(Peak * (MinRatio + ((1 - MinRatio) * cosine)));
    }
}
