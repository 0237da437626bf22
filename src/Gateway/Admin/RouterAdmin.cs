using Gateway.Configuration;
using Gateway.Intent.Scoring;
using Gateway.Lifecycle;
using Gateway.Protocol.Admin;
using Gateway.Routing;

namespace Gateway.Admin;

/// <summary>
/// /admin/router: register an intent-model version, score live traffic with it in the shadow of the
/// active one (agreement rate reported), and activate it with one reference swap.
/// </summary>
internal static class RouterAdmin
{
    public const string Department = "router";

    public static RouteGroupBuilder MapRouterAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet(AdminRoutes.Router, (IntentClassifierHost host, ModelRegistry registry) => Results.Json(
            new RouterStatus(host.Current?.Version, host.Shadow?.Version, host.ShadowStats.Snapshot(),
                registry.Department(Department)?.Versions is { } versions ? AdminViews.Of(versions) : null),
            AdminJsonContext.Answers.RouterStatus));
        admin.MapPost(AdminRoutes.RouterVersions, async (HttpContext http, ModelRegistry registry, RoutingConfigStore configs) =>
        {
            string path = Path.GetFullPath(Path.Combine(configs.Current.BaseDirectory, await AdminApi.RequiredField(http, "path")));
            using var model = Load(path, registry, AdminApi.Actor(http), "register");
            registry.Update(state =>
            {
                var entry = state.Departments.TryGetValue(Department, out var e) ? e : state.Departments[Department] = new DepartmentVersions();
                entry.Versions[model.Version] = new RegisteredVersion { Path = path, Registered = registry.Now, Status = "validated", Reason = "loads" };
                return 0;
            });
            registry.Audit(AdminApi.Actor(http), "register", Department, model.Version, "validated");
            return Results.Json(new RouterVersionRegistered(model.Version, path), AdminJsonContext.Answers.RouterVersionRegistered, statusCode: 201);
        });
        admin.MapPost(AdminRoutes.RouterShadow, async (HttpContext http, ModelRegistry registry, IntentClassifierHost host) =>
        {
            string version = await AdminApi.RequiredField(http, "version");
            var candidate = Load(PathOf(registry, version), registry, AdminApi.Actor(http), "shadow");
            host.StartShadow(new IntentPackageClassifier(candidate));
            registry.Audit(AdminApi.Actor(http), "shadow", Department, version, "ok");
            return Results.Json(new RouterShadowStarted(version), AdminJsonContext.Answers.RouterShadowStarted);
        });
        admin.MapPost(AdminRoutes.RouterActivate, async (HttpContext http, ModelRegistry registry, IntentClassifierHost host) =>
        {
            string version = await AdminApi.RequiredField(http, "version");
            var candidate = Load(PathOf(registry, version), registry, AdminApi.Actor(http), "activate");
            string? previous = host.Current?.Version;
            var agreement = host.ShadowStats.Snapshot();
            host.Swap(new IntentPackageClassifier(candidate));
            host.StopShadow();
            registry.Update(state =>
            {
                var entry = state.Departments[Department];
                if (entry.Active is not null && entry.Active != version)
                {
                    entry.History.Add(entry.Active);
                }

                entry.Active = version;
                return 0;
            });
            registry.Audit(AdminApi.Actor(http), "activate", Department, version, "ok", $"previous {previous}; shadow agreement {agreement.Rate:0.###} over {agreement.Scored}");
            return Results.Json(new RouterActivated(version, previous, agreement), AdminJsonContext.Answers.RouterActivated);
        });
        return admin;
    }

    private static string PathOf(ModelRegistry registry, string version) =>
        registry.Department(Department)?.Versions.GetValueOrDefault(version)?.Path
        ?? throw new LifecycleException(404, $"router has no registered version {version}");

    private static IntentModel Load(string path, ModelRegistry registry, string actor, string action)
    {
        try
        {
            return IntentModel.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            registry.Audit(actor, action, Department, null, "refused", e.Message);
            throw new LifecycleException(422, $"intent package refused: {e.Message}");
        }
    }
}
