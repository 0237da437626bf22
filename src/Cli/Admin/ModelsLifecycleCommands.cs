using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Gateway.Cli.Admin;

/// <summary>The department commands of <c>gw models</c>: list, register, activate, canary, promote, rollback.</summary>
internal static class ModelsLifecycleCommands
{
    public static Command List()
    {
        var command = new Command("list", "Departments with their active version, canary and registered versions.");
        command.SetAdminAction(async (parse, admin, ct) =>
            ModelsCommands.Print(parse, await admin.GetAsync("/admin/departments", ct).ConfigureAwait(false), PrintDepartments));
        return command;
    }

    public static Command Register()
    {
        var department = new Argument<string>("department") { Description = "The department the version is for." };
        var folder = new Argument<string>("folder") { Description = "The package folder: a path on the gateway's machine, or a local folder with --upload." };
        var upload = new Option<bool>("--upload") { Description = "Pack the local folder as .tar.gz and upload it (otherwise the path is sent for the gateway to read)." };
        var command = new Command("register", "Register (and validate) a new version of a department's model.") { department, folder, upload };
        command.SetAdminAction(async (parse, admin, ct) =>
        {
            string dept = parse.GetValue(department)!;
            string path = parse.GetValue(folder)!;
            string route = $"/admin/departments/{Uri.EscapeDataString(dept)}/versions";
            AdminAnswer answer;
            if (parse.GetValue(upload))
            {
                if (!Directory.Exists(path))
                {
                    await Console.Error.WriteLineAsync($"error: --upload needs a local folder; '{path}' does not exist").ConfigureAwait(false);
                    return ModelsCommands.UsageError;
                }

                using var content = await PackageTarball.CreateAsync(path, ct).ConfigureAwait(false);
                answer = await admin.SendAsync(HttpMethod.Post, route, content, ct).ConfigureAwait(false);
            }
            else
            {
                // The gateway resolves the path on its machine; an existing local folder is sent as an absolute path.
                answer = await admin.PostJsonAsync(route, new Dictionary<string, string> { ["path"] = Directory.Exists(path) ? Path.GetFullPath(path) : path }, ct).ConfigureAwait(false);
            }

            return ModelsCommands.Print(parse, answer, r =>
                Console.WriteLine($"{Text(r, "department")}: registered {Text(r, "version")} ({Text(r, "status")}: {Text(r, "reason")}) at {Text(r, "path")}"));
        });
        return command;
    }

    public static Command Activate()
    {
        var department = new Argument<string>("department") { Description = "The department." };
        var version = new Argument<string>("version") { Description = "A registered, validated version." };
        var command = new Command("activate", "Switch every worker of a department to a registered version.") { department, version };
        command.SetAdminAction(async (parse, admin, ct) => ModelsCommands.Print(parse,
            await admin.PostJsonAsync(Route(parse.GetValue(department)!, "activate"), new Dictionary<string, string> { ["version"] = parse.GetValue(version)! }, ct).ConfigureAwait(false),
            PrintActivation));
        return command;
    }

    public static Command Canary()
    {
        var department = new Argument<string>("department") { Description = "The department." };
        var version = new Argument<string>("version") { Description = "A registered, validated version to send a share of traffic to." };
        var percent = new Option<int>("--percent") { Description = "Share of the department's traffic for the canary, 0 to 100.", Required = true };
        percent.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 100)
            {
                r.AddError("--percent must be between 0 and 100");
            }
        });
        var command = new Command("canary", "Serve a share of a department's traffic with another version.") { department, version, percent };
        command.SetAdminAction(async (parse, admin, ct) =>
        {
            var body = new Dictionary<string, object> { ["version"] = parse.GetValue(version)!, ["percent"] = parse.GetValue(percent) };
            var answer = await admin.PostJsonAsync(Route(parse.GetValue(department)!, "canary"), body, ct).ConfigureAwait(false);
            return ModelsCommands.Print(parse, answer, _ => Console.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"{parse.GetValue(department)}: canary {parse.GetValue(version)} at {parse.GetValue(percent)}%")));
        });
        return command;
    }

    public static Command Promote() => Simple("promote", "Make a department's canary its active version.");

    public static Command Rollback() => Simple("rollback", "Return a department to the version active before the current one.");

    private static Command Simple(string action, string description)
    {
        var department = new Argument<string>("department") { Description = "The department." };
        var command = new Command(action, description) { department };
        command.SetAdminAction(async (parse, admin, ct) =>
            ModelsCommands.Print(parse, await admin.PostJsonAsync(Route(parse.GetValue(department)!, action), null, ct).ConfigureAwait(false), PrintActivation));
        return command;
    }

    private static string Route(string department, string action) => $"/admin/departments/{Uri.EscapeDataString(department)}/{action}";

    private static void PrintDepartments(JsonElement departments)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var d in departments.EnumerateObject())
        {
            string canary = Text(d.Value, "canary") is { Length: > 0 } c and not "-"
                ? string.Create(CultureInfo.InvariantCulture, $"{c} {(d.Value.TryGetProperty("canaryPercent", out var p) ? p.GetInt32() : 0)}%")
                : "-";
            var versions = d.Value.TryGetProperty("versions", out var v) && v.ValueKind == JsonValueKind.Object
                ? v.EnumerateObject().Select(e => $"{e.Name} ({Text(e.Value, "status")})")
                : [];
            rows.Add([d.Name, Text(d.Value, "active"), canary, string.Join(", ", versions) is { Length: > 0 } list ? list : "-"]);
        }

        TextTable.Print(["department", "active", "canary", "versions"], rows);
    }

    /// <summary>activate, rollback and promote answer {department, version, previous, workers:[{worker, ok, detail}]}.</summary>
    private static void PrintActivation(JsonElement r)
    {
        var workers = r.TryGetProperty("workers", out var w) && w.ValueKind == JsonValueKind.Array ? w.EnumerateArray().ToList() : [];
        int ok = workers.Count(x => x.TryGetProperty("ok", out var o) && o.ValueKind == JsonValueKind.True);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Text(r, "department")}: {Text(r, "version")} active (previous {Text(r, "previous")}), {ok}/{workers.Count} workers switched"));
    }

    public static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "-",
                JsonValueKind.Null => "-",
                _ => value.GetRawText(),
            }
            : "-";
}
