using Gateway.Grounding;

namespace Gateway.Training.Jobs;

/// <summary>
/// Everything <c>gw train</c> needs: the data, where to start (a package to fine-tune, or a preset with a
/// tokenizer folder or a corpus to train one), optional grounding, and where the new package goes.
/// </summary>
public sealed record TrainingJob
{
    public required string DataPath { get; init; }
    public required string OutputDirectory { get; init; }

    /// <summary>A package to fine-tune; its weights, config and tokenizer are the starting point.</summary>
    public string? FromPackage { get; init; }

    /// <summary>A preset to train from random weights (see <see cref="TrainingPresets"/>), with <see cref="TokenizerDirectory"/> or <see cref="VocabFrom"/>.</summary>
    public string? Preset { get; init; }

    public string? TokenizerDirectory { get; init; }
    public string? VocabFrom { get; init; }
    public int? VocabSize { get; init; }

    /// <summary>Knowledge folder (*.md) for grounded training, in the worker's grounded-prompt format.</summary>
    public string? KnowledgeDirectory { get; init; }

    /// <summary>Passages per example; null: the parent package's (see <see cref="Grounding"/>).</summary>
    public int? TopK { get; init; }

    /// <summary>What a retrieved passage is; null: the parent package's. The manifest records it, and the worker serves it.</summary>
    public RetrievalUnit? Unit { get; init; }

    /// <summary>Extra copies of each grounded example with the answer's numbers changed in context and answer alike.</summary>
    public int Counterfactuals { get; init; }

    /// <summary>Replace answers by the context sentences that hold their facts (see <see cref="Grounding.ContextQuote"/>).</summary>
    public bool QuoteContext { get; init; }

    /// <summary>Retrieve each example's passages without its own known question (<see cref="Data.HeldOutRetrieval"/>).</summary>
    public bool HoldOutOwnQuestion { get; init; }

    /// <summary>Department of the new package; by default the parent's, else "general".</summary>
    public string? Department { get; init; }

    public string Version { get; init; } = "v1";
    public bool Fp16 { get; init; }
    public bool Overwrite { get; init; }
    public TrainingOptions Options { get; init; } = new();

    /// <summary>
    /// The unit and top-k to ground examples with: the ones given, else the parent package's (a fine-tune keeps the
    /// format its parent learnt), else sections and 3.
    /// </summary>
    public GroundingSettings Grounding() => FromPackage is null
        ? new GroundingSettings(Unit ?? RetrievalUnit.Section, TopK ?? GroundingSettings.DefaultTopK, "the settings or the defaults")
        : GroundingSettings.For(FromPackage, Unit, TopK);

    public void Validate()
    {
        bool fromPackage = FromPackage is not null, fromPreset = Preset is not null;
        if (fromPackage == fromPreset)
        {
            throw new ArgumentException("give exactly one of --from <package> or --preset <name>");
        }

        if (fromPreset && (TokenizerDirectory is null) == (VocabFrom is null))
        {
            throw new ArgumentException("--preset needs exactly one of --tokenizer <dir> or --vocab-from <corpus>");
        }

        if (fromPackage && (TokenizerDirectory is not null || VocabFrom is not null))
        {
            throw new ArgumentException("--from uses the package's tokenizer; --tokenizer and --vocab-from do not apply");
        }

        if (TopK is < 1 or > GroundingSettings.MaxTopK)
        {
            throw new ArgumentException($"--top-k must be 1..{GroundingSettings.MaxTopK}");
        }

        if (Counterfactuals is < 0 or > 16)
        {
            throw new ArgumentException($"--counterfactuals must be 0..16, got {Counterfactuals}");
        }

        if ((Counterfactuals > 0 || QuoteContext || HoldOutOwnQuestion) && KnowledgeDirectory is null)
        {
            throw new ArgumentException("--counterfactuals, --quote-context and --hold-out-own-question work on the retrieved passages, so they need --knowledge");
        }

        Options.Validate();
    }
}
