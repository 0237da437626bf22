namespace Gateway.Protocol.Workers;

/// <summary>
/// One worker setting by the names it has outside the worker: its key in the worker's <c>Worker</c> configuration
/// section (<c>Worker:GroundingTopK</c>), the environment variable for it (<c>Worker__GroundingTopK</c>), and for the
/// common ones a short switch (<c>--max-batch</c>).
/// </summary>
/// <param name="Name">The key under the section, which is also the name of the worker's option property.</param>
/// <param name="Switch">The short command-line switch, or null where only <c>--Worker:Name</c> sets it.</param>
public sealed record WorkerSetting(string Name, string? Switch = null)
{
    public const string Section = "Worker";

    public string Key => $"{Section}:{Name}";

    public string EnvironmentVariable => $"{Section}__{Name}";

    /// <summary>What sets it on a command line: the short switch where there is one, else <c>--Worker:Name</c>.</summary>
    public string Argument => Switch ?? $"--{Key}";

    /// <summary>How messages name it, with its switch where it has one: <c>Worker:Model (--model)</c>.</summary>
    public override string ToString() => Switch is null ? Key : $"{Key} ({Switch})";
}
