namespace Gateway.Protocol.Admin;

/// <summary>A department's model versions: which is active, which is canary, what a rollback returns to.</summary>
/// <param name="History">Versions active before the current one, most recent last.</param>
public sealed record DepartmentModels(
    string? Active, string? Canary, int CanaryPercent, IReadOnlyList<string> History, IReadOnlyDictionary<string, ModelVersionInfo> Versions);

/// <summary>One registered version: where its package is and what the validation gate said.</summary>
/// <param name="Status">"registered", "validated" or "refused".</param>
public sealed record ModelVersionInfo(string Path, DateTimeOffset Registered, string Status, string? Reason);

/// <summary>One line of the audit log: who did what to which version, when, and how it ended.</summary>
public sealed record AuditRecord(DateTimeOffset Time, string Actor, string Action, string Department, string? Version, string Result, string? Detail);
