using Gateway.Lifecycle;
using Gateway.Protocol.Admin;

namespace Gateway.Admin;

/// <summary>The registry's stored records as the admin API answers them: the wire keeps its shape whatever the store does.</summary>
internal static class AdminViews
{
    public static DepartmentModels Of(DepartmentVersions department) =>
        new(department.Active, department.Canary, department.CanaryPercent, department.History, Of(department.Versions));

    public static Dictionary<string, ModelVersionInfo> Of(Dictionary<string, RegisteredVersion> versions) =>
        versions.ToDictionary(v => v.Key, v => new ModelVersionInfo(v.Value.Path, v.Value.Registered, v.Value.Status, v.Value.Reason), StringComparer.Ordinal);

    public static AuditRecord Of(AuditEntry entry) =>
        new(entry.Time, entry.Actor, entry.Action, entry.Department, entry.Version, entry.Result, entry.Detail);
}
