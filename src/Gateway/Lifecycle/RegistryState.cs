namespace Gateway.Lifecycle;

/// <summary>The registry's persistent state: per department (and "router"), its versions, the active one, the canary.</summary>
public sealed record RegistryState
{
    public Dictionary<string, DepartmentVersions> Departments { get; init; } = new(StringComparer.Ordinal);
}

public sealed record DepartmentVersions
{
    public string? Active { get; set; }
    public string? Canary { get; set; }
    public int CanaryPercent { get; set; }

    /// <summary>Versions activated before the current one, most recent last: what a rollback returns to.</summary>
    public List<string> History { get; init; } = [];

    public Dictionary<string, RegisteredVersion> Versions { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>One version of a department's model: where its package is and what the validation gate said.</summary>
public sealed record RegisteredVersion
{
    public required string Path { get; init; }
    public required DateTimeOffset Registered { get; init; }

    /// <summary>"registered", "validated" or "refused".</summary>
    public string Status { get; set; } = "registered";

    public string? Reason { get; set; }
}

/// <summary>One line of the audit log: who did what to which version, when, and how it ended.</summary>
public sealed record AuditEntry(DateTimeOffset Time, string Actor, string Action, string Department, string? Version, string Result, string? Detail);
