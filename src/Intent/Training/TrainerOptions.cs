using System.Text.Json.Nodes;

namespace Gateway.Intent.Training;

/// <summary>Multinomial logistic regression with AdamW; the defaults are what trained models/router/v1.</summary>
public sealed record TrainerOptions
{
    public int Seed { get; init; } = 1;
    public int Epochs { get; init; } = 20;
    public int BatchSize { get; init; } = 16;
    public float LearningRate { get; init; } = 0.02f;

    /// <summary>Decoupled (AdamW) weight decay on the weights, not the bias: keeps rare n-grams from dominating.</summary>
    public float WeightDecay { get; init; } = 0.01f;
    public float Beta1 { get; init; } = 0.9f;
    public float Beta2 { get; init; } = 0.999f;
    public float Epsilon { get; init; } = 1e-8f;

    public void Validate()
    {
        if (Epochs < 1 || BatchSize < 1 || LearningRate <= 0 || WeightDecay < 0)
        {
            throw new ArgumentException("epochs and batch size must be at least 1, the learning rate positive and weight decay not negative");
        }
    }

    public JsonObject ToJson() => new()
    {
        ["optimizer"] = "adamw",
        ["seed"] = Seed,
        ["epochs"] = Epochs,
        ["batchSize"] = BatchSize,
        ["learningRate"] = LearningRate,
        ["weightDecay"] = WeightDecay,
        ["beta1"] = Beta1,
        ["beta2"] = Beta2,
    };
}
