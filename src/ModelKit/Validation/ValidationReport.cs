namespace Gateway.ModelKit.Validation;

/// <summary>One reason a package cannot serve, tied to the file at fault.</summary>
public sealed record ValidationProblem(string File, string Message)
{
    public override string ToString() => $"{File}: {Message}";
}

/// <summary>The outcome of validating a package: its problems, and what was learnt about it on the way.</summary>
public sealed record ValidationReport(string Directory, IReadOnlyList<ValidationProblem> Problems, PackageSummary Summary)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>Facts gathered while validating, printed by <c>gw model validate</c>.</summary>
public sealed record PackageSummary
{
    public string? Department { get; init; }
    public string? Version { get; init; }
    public string? ModelType { get; init; }
    public int? Layers { get; init; }
    public int? VocabSize { get; init; }
    public int? ContextLength { get; init; }
    public string? IoType { get; init; }
    public int FilesVerified { get; init; }
    public IReadOnlyList<long> SmokeTokens { get; init; } = [];
    public string? SmokeText { get; init; }
    public TimeSpan? SmokeDuration { get; init; }
}
