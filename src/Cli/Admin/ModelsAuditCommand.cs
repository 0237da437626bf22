using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gateway.Protocol.Admin;

namespace Gateway.Cli.Admin;

/// <summary><c>gw models audit</c>: the gateway's audit log, optionally one department's, the last N entries.</summary>
internal static class ModelsAuditCommand
{
    public static Command Create()
    {
        var department = new Option<string?>("--department") { Description = "Only this department's entries." };
        var last = new Option<int?>("--last") { Description = "Only the last N entries." };
        last.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0)
            {
                r.AddError("--last must be 0 or more");
            }
        });
        var command = new Command("audit", "Who registered, activated, rolled back what, when, and how it ended.") { department, last };
        command.SetAdminAction(async (parse, admin, ct) =>
        {
            var answer = await admin.GetAsync(AdminRoutes.Path(AdminRoutes.Audit), ct).ConfigureAwait(false);
            IReadOnlyList<AuditRecord> entries = answer.Read(AdminJsonContext.Default.IReadOnlyListAuditRecord)
                .Where(e => parse.GetValue(department) is not { } d || e.Department == d)
                .ToList();
            if (parse.GetValue(last) is int n)
            {
                entries = entries.Skip(Math.Max(0, entries.Count - n)).ToList();
            }

            if (parse.GetValue(ModelsCommands.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(entries, AdminJsonContext.Default.IReadOnlyListAuditRecord));
                return CliOutput.Ok;
            }

            TextTable.Print(["time", "actor", "action", "department", "version", "result", "detail"],
                entries.Select(e => (IReadOnlyList<string>)[Time(e), e.Actor, e.Action, e.Department, ModelsCommands.Dash(e.Version), e.Result, ModelsCommands.Dash(e.Detail)]).ToList());
            return CliOutput.Ok;
        });
        return command;
    }

    private static string Time(AuditRecord entry) => entry.Time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
