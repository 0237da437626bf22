namespace Gateway.Supervision;

/// <summary>
/// Which package folder a department's active version is in, as the model lifecycle knows it: what a restarted
/// worker must serve. An interface here so the supervisor (which starts processes) does not depend on the lifecycle
/// (which decides versions and itself starts canary workers through the supervisor).
/// </summary>
public interface IActiveVersions
{
    /// <summary>The active version's folder, or null when the registry has none for the department.</summary>
    string? ActivePath(string department);
}
