using System.CommandLine;
using System.Text.Json;

namespace Gateway.Cli.Admin;

/// <summary><c>gw models router …</c>: the intent model's versions, shadow scoring and activation.</summary>
internal static class RouterCommands
{
    public static Command Create()
    {
        var list = new Command("list", "The router's active and shadow versions, shadow agreement, registered versions.");
        list.SetAdminAction(async (parse, admin, ct) => ModelsCommands.Print(parse, await admin.GetAsync("/admin/router", ct).ConfigureAwait(false), PrintRouter));

        var folder = new Argument<string>("folder") { Description = "The intent package folder on the gateway's machine." };
        var register = new Command("register", "Register a version of the intent model.") { folder };
        register.SetAdminAction(async (parse, admin, ct) =>
        {
            string path = parse.GetValue(folder)!;
            var body = new Dictionary<string, string> { ["path"] = Directory.Exists(path) ? Path.GetFullPath(path) : path };
            return ModelsCommands.Print(parse, await admin.PostJsonAsync("/admin/router/versions", body, ct).ConfigureAwait(false),
                r => Console.WriteLine($"router: registered {Text(r, "version")} at {Text(r, "path")}"));
        });

        return new Command("router", "The intent router's model versions.")
        {
            list,
            register,
            VersionCommand("shadow", "Score live traffic with a version beside the active one.", r => $"router: shadowing {Text(r, "shadow")}"),
            VersionCommand("activate", "Make a version the router's active model.", r => $"router: {Text(r, "version")} active (previous {Text(r, "previous")})"),
        };
    }

    private static Command VersionCommand(string action, string description, Func<JsonElement, string> line)
    {
        var version = new Argument<string>("version") { Description = "A registered router version." };
        var command = new Command(action, description) { version };
        command.SetAdminAction(async (parse, admin, ct) => ModelsCommands.Print(parse,
            await admin.PostJsonAsync($"/admin/router/{action}", new Dictionary<string, string> { ["version"] = parse.GetValue(version)! }, ct).ConfigureAwait(false),
            r => Console.WriteLine(line(r))));
        return command;
    }

    private static void PrintRouter(JsonElement r)
    {
        Console.WriteLine($"active {Text(r, "active")}, shadow {Text(r, "shadow")}, agreement {(r.TryGetProperty("agreement", out var a) ? a.GetRawText() : "-")}");
        var rows = r.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().Select(e => (IReadOnlyList<string>)[e.Name, Text(e.Value, "status"), Text(e.Value, "path")]).ToList()
            : [];
        TextTable.Print(["version", "status", "path"], rows);
    }

    private static string Text(JsonElement element, string name) => ModelsLifecycleCommands.Text(element, name);
}
