namespace Gateway.Grounding;

/// <summary>
/// What one retrieved passage is. A model answers from its context best when it is trained with the unit it is
/// served, so the trainer, <c>gw eval</c> and the worker all take it as a setting.
/// </summary>
public enum RetrievalUnit
{
    /// <summary>A heading section of a markdown file (long sections split at paragraphs).</summary>
    Section,

    /// <summary>
    /// One sentence (or list item) of a section, with the section's heading as its title. The retriever, not the
    /// model, then picks the sentence that answers: a small model copies the first of a few well-ranked sentences far
    /// more reliably than it finds the right one among a dozen.
    /// </summary>
    Sentence,
}

public static class RetrievalUnits
{
    /// <summary>The setting's spelling in routing.json and on the command line.</summary>
    public static string Name(this RetrievalUnit unit) => unit == RetrievalUnit.Sentence ? "sentence" : "section";

    public static RetrievalUnit? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "section" => RetrievalUnit.Section,
        "sentence" => RetrievalUnit.Sentence,
        _ => null,
    };
}
