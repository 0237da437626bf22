using Gateway.Grounding;

namespace Gateway.Configuration;

/// <summary>
/// A department's <c>"grounding"</c>: the knowledge-base folder (markdown; absolute or relative to routing.json)
/// the worker retrieves passages from, what a passage is and how many go into a prompt, and whether grounding is on by default
/// (a request can still turn it off or on with its own "grounding" field).
/// </summary>
public sealed record GroundingConfig
{
    public required string Knowledge { get; init; }
    /// <summary>Passages per prompt; null: as the department's model was trained (its manifest), else 3.</summary>
    public int? TopK { get; init; }
    public const bool DefaultEnabled = true;

    public bool Enabled { get; init; } = DefaultEnabled;

    /// <summary>
    /// What a passage is ("unit": "section" or "sentence"); null: as the model version being served was trained (its
    /// manifest), else section. Leave it unset unless every version the department may swap to was trained the same way.
    /// </summary>
    public RetrievalUnit? Unit { get; init; }

    /// <summary>The knowledge folder as an absolute path.</summary>
    public string ResolveKnowledge(string baseDirectory) => Path.GetFullPath(Path.Combine(baseDirectory, Knowledge));
}
