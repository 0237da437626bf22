namespace Gateway.Training.Data;

/// <summary>How <see cref="ChatGrounding"/> grounds training examples.</summary>
public sealed record ChatGroundingOptions
{
    /// <summary>Passages per example, as the worker serves them.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>Extra copies of each example with the answer's numbers changed in context and answer alike.</summary>
    public int Counterfactuals { get; init; }

    /// <summary>Seed for the counterfactual numbers.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Replace answers by the context sentences that hold their facts (<see cref="Grounding.ContextQuote"/>).</summary>
    public bool QuoteContext { get; init; }

    /// <summary>
    /// Retrieve each example's passages without its own question among the known questions
    /// (<see cref="HeldOutRetrieval"/>), so the ranking it trains on is as good as a new user's question gets.
    /// </summary>
    public bool HoldOutOwnQuestion { get; init; }
}
