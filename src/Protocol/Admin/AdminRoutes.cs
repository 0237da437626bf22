namespace Gateway.Protocol.Admin;

/// <summary>
/// The gateway's admin API. The gateway maps each route under <see cref="Prefix"/>; a client calls
/// <see cref="Path"/>, which fills in the department.
/// </summary>
public static class AdminRoutes
{
    public const string Prefix = "/admin";

    /// <summary>GET: every department with its versions (<see cref="DepartmentModels"/> by name).</summary>
    public const string Departments = "/departments";

    /// <summary>POST <see cref="PathRequest"/>, or a .tar.gz package as the body: <see cref="RegistrationResult"/>.</summary>
    public const string RegisterVersion = "/departments/{department}/versions";

    /// <summary>POST <see cref="VersionRequest"/>: <see cref="ActivationResult"/>.</summary>
    public const string Activate = "/departments/{department}/activate";

    /// <summary>POST: <see cref="ActivationResult"/>, or <see cref="CanaryStopped"/> when a canary was running.</summary>
    public const string Rollback = "/departments/{department}/rollback";

    /// <summary>POST <see cref="CanaryRequest"/>: <see cref="CanaryStarted"/>.</summary>
    public const string Canary = "/departments/{department}/canary";

    /// <summary>POST: <see cref="ActivationResult"/>.</summary>
    public const string Promote = "/departments/{department}/promote";

    /// <summary>GET: the audit log, oldest first (<see cref="AuditRecord"/>).</summary>
    public const string Audit = "/audit";

    /// <summary>GET: <see cref="RouterStatus"/>.</summary>
    public const string Router = "/router";

    /// <summary>POST <see cref="PathRequest"/>: <see cref="RouterVersionRegistered"/>.</summary>
    public const string RouterVersions = "/router/versions";

    /// <summary>POST <see cref="VersionRequest"/>: <see cref="RouterShadowStarted"/>.</summary>
    public const string RouterShadow = "/router/shadow";

    /// <summary>POST <see cref="VersionRequest"/>: <see cref="RouterActivated"/>.</summary>
    public const string RouterActivate = "/router/activate";

    /// <summary>The path a client calls for <paramref name="route"/>, with its department filled in.</summary>
    public static string Path(string route, string? department = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        return Prefix + (department is null ? route : route.Replace("{department}", Uri.EscapeDataString(department), StringComparison.Ordinal));
    }
}
