using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gateway.Protocol.Admin;

namespace Gateway.Cli.Admin;

/// <summary><c>gw models router …</c>: the intent model's versions, shadow scoring and activation.</summary>
internal static class RouterCommands
{
    public static Command Create()
    {
        var list = new Command("list", "The router's active and shadow versions, shadow agreement, registered versions.");
        list.SetAdminAction(async (parse, admin, ct) =>
            ModelsCommands.Print(parse, await admin.GetAsync(AdminRoutes.Path(AdminRoutes.Router), ct).ConfigureAwait(false), AdminJsonContext.Default.RouterStatus, PrintRouter));

        var folder = new Argument<string>("folder") { Description = "The intent package folder on the gateway's machine." };
        var register = new Command("register", "Register a version of the intent model.") { folder };
        register.SetAdminAction(async (parse, admin, ct) =>
        {
            string path = parse.GetValue(folder)!;
            var body = new PathRequest(Directory.Exists(path) ? Path.GetFullPath(path) : path);
            return ModelsCommands.Print(parse, await admin.PostJsonAsync(AdminRoutes.Path(AdminRoutes.RouterVersions), body, AdminJsonContext.Default.PathRequest, ct).ConfigureAwait(false),
                AdminJsonContext.Default.RouterVersionRegistered, r => Console.WriteLine($"router: registered {r.Version} at {r.Path}"));
        });

        return new Command("router", "The intent router's model versions.")
        {
            list,
            register,
            VersionCommand("shadow", AdminRoutes.RouterShadow, "Score live traffic with a version beside the active one.",
                AdminJsonContext.Default.RouterShadowStarted, r => $"router: shadowing {r.Shadow}"),
            VersionCommand("activate", AdminRoutes.RouterActivate, "Make a version the router's active model.",
                AdminJsonContext.Default.RouterActivated, r => $"router: {r.Version} active (previous {ModelsCommands.Dash(r.Previous)})"),
        };
    }

    private static Command VersionCommand<T>(string action, string route, string description, JsonTypeInfo<T> answer, Func<T, string> line)
    {
        var version = new Argument<string>("version") { Description = "A registered router version." };
        var command = new Command(action, description) { version };
        command.SetAdminAction(async (parse, admin, ct) => ModelsCommands.Print(parse,
            await admin.PostJsonAsync(AdminRoutes.Path(route), new VersionRequest(parse.GetValue(version)!), AdminJsonContext.Default.VersionRequest, ct).ConfigureAwait(false),
            answer, r => Console.WriteLine(line(r))));
        return command;
    }

    private static void PrintRouter(RouterStatus r)
    {
        Console.WriteLine($"active {ModelsCommands.Dash(r.Active)}, shadow {ModelsCommands.Dash(r.Shadow)}, agreement {JsonSerializer.Serialize(r.Agreement, AdminJsonContext.Default.ShadowAgreement)}");
        var rows = (r.Versions ?? new Dictionary<string, ModelVersionInfo>())
            .Select(e => (IReadOnlyList<string>)[e.Key, e.Value.Status, e.Value.Path]).ToList();
        TextTable.Print(["version", "status", "path"], rows);
    }
}
