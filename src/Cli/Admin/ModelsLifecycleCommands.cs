using System.CommandLine;
using System.Globalization;
using Gateway.Protocol.Admin;

namespace Gateway.Cli.Admin;

/// <summary>The department commands of <c>gw models</c>: list, register, activate, canary, promote, rollback.</summary>
internal static class ModelsLifecycleCommands
{
    public static Command List()
    {
        var command = new Command("list", "Departments with their active version, canary and registered versions.");
        command.SetAdminAction(async (parse, admin, ct) => ModelsCommands.Print(parse,
            await admin.GetAsync(AdminRoutes.Path(AdminRoutes.Departments), ct).ConfigureAwait(false), AdminJsonContext.Default.DictionaryStringDepartmentModels, PrintDepartments));
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
            string path = parse.GetValue(folder)!;
            string route = AdminRoutes.Path(AdminRoutes.RegisterVersion, parse.GetValue(department)!);
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
                answer = await admin.PostJsonAsync(route, new PathRequest(Directory.Exists(path) ? Path.GetFullPath(path) : path), AdminJsonContext.Default.PathRequest, ct).ConfigureAwait(false);
            }

            return ModelsCommands.Print(parse, answer, AdminJsonContext.Default.RegistrationResult, r =>
                Console.WriteLine($"{r.Department}: registered {r.Version} ({r.Status}: {ModelsCommands.Dash(r.Reason)}) at {r.Path}"));
        });
        return command;
    }

    public static Command Activate()
    {
        var department = new Argument<string>("department") { Description = "The department." };
        var version = new Argument<string>("version") { Description = "A registered, validated version." };
        var command = new Command("activate", "Switch every worker of a department to a registered version.") { department, version };
        command.SetAdminAction(async (parse, admin, ct) => ModelsCommands.Print(parse,
            await admin.PostJsonAsync(AdminRoutes.Path(AdminRoutes.Activate, parse.GetValue(department)!), new VersionRequest(parse.GetValue(version)!), AdminJsonContext.Default.VersionRequest, ct)
                .ConfigureAwait(false),
            AdminJsonContext.Default.ActivationResult, PrintActivation));
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
            var request = new CanaryRequest(parse.GetValue(version)!, parse.GetValue(percent));
            var answer = await admin.PostJsonAsync(AdminRoutes.Path(AdminRoutes.Canary, parse.GetValue(department)!), request, AdminJsonContext.Default.CanaryRequest, ct).ConfigureAwait(false);
            return ModelsCommands.Print(parse, answer, AdminJsonContext.Default.CanaryStarted, _ => Console.WriteLine(
                string.Create(CultureInfo.InvariantCulture, $"{parse.GetValue(department)}: canary {parse.GetValue(version)} at {parse.GetValue(percent)}%")));
        });
        return command;
    }

    public static Command Promote() => Simple("promote", AdminRoutes.Promote, "Make a department's canary its active version.");

    /// <summary>With a canary running the gateway answers <see cref="CanaryStopped"/>, read as an activation without workers.</summary>
    public static Command Rollback() => Simple("rollback", AdminRoutes.Rollback, "Return a department to the version active before the current one.");

    private static Command Simple(string action, string route, string description)
    {
        var department = new Argument<string>("department") { Description = "The department." };
        var command = new Command(action, description) { department };
        command.SetAdminAction(async (parse, admin, ct) => ModelsCommands.Print(parse,
            await admin.PostAsync(AdminRoutes.Path(route, parse.GetValue(department)!), ct).ConfigureAwait(false), AdminJsonContext.Default.ActivationResult, PrintActivation));
        return command;
    }

    private static void PrintDepartments(Dictionary<string, DepartmentModels> departments)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (name, models) in departments)
        {
            string canary = models.Canary is { Length: > 0 } c ? string.Create(CultureInfo.InvariantCulture, $"{c} {models.CanaryPercent}%") : "-";
            string versions = string.Join(", ", models.Versions.Select(v => $"{v.Key} ({v.Value.Status})"));
            rows.Add([name, ModelsCommands.Dash(models.Active), canary, versions.Length > 0 ? versions : "-"]);
        }

        TextTable.Print(["department", "active", "canary", "versions"], rows);
    }

    private static void PrintActivation(ActivationResult r)
    {
        int ok = r.Workers.Count(w => w.Ok);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Department}: {ModelsCommands.Dash(r.Version)} active (previous {ModelsCommands.Dash(r.Previous)}), {ok}/{r.Workers.Count} workers switched"));
    }
}
