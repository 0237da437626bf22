namespace Gateway.Protocol.Admin;

/// <summary>A registered version and the validation gate's verdict (201 when validated, 422 when refused, with the reason).</summary>
public sealed record RegistrationResult(string Department, string Version, string Status, string? Reason, string Path);

/// <summary>A department switched to a version on each of its workers (activate, promote, rollback).</summary>
public sealed record ActivationResult(string Department, string Version, string? Previous)
{
    private readonly IReadOnlyList<WorkerActivation>? _workers;

    /// <summary>Each worker's outcome; none in an answer without the field (<see cref="CanaryStopped"/>), which the serializer reads as null.</summary>
    public IReadOnlyList<WorkerActivation> Workers
    {
        get => _workers ?? [];
        init => _workers = value;
    }
}

/// <param name="Detail">The worker's answer, or why it refused.</param>
public sealed record WorkerActivation(string Worker, bool Ok, string Detail);

/// <summary>A canary worker serving <paramref name="Canary"/> for <paramref name="Percent"/>% of the department's traffic.</summary>
public sealed record CanaryStarted(string Department, string Canary, int Percent, string Worker);

/// <summary>
/// Rollback while a canary runs: the canary is stopped and the active version never changed. Its fields are a
/// subset of <see cref="ActivationResult"/>'s, so a client may read either answer of a rollback as one.
/// </summary>
/// <param name="Canary">Always <see cref="Stopped"/>.</param>
public sealed record CanaryStopped(string Department, string Canary, string? Version)
{
    public const string Stopped = "stopped";
}
