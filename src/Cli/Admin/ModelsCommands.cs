using System.CommandLine;
using System.Text.Json.Serialization.Metadata;

namespace Gateway.Cli.Admin;

/// <summary>
/// <c>gw models …</c>: the gateway's model lifecycle over its admin API (list, register, activate, canary, promote,
/// rollback, audit, and the intent router's versions). Exit 0 on success, 1 with the server's message, 2 on usage errors.
/// </summary>
internal static class ModelsCommands
{
    public const int UsageError = 2;

    public static readonly Option<string> Gateway = new("--gateway")
    {
        Description = "The gateway's base address (default: $GW_GATEWAY, else http://127.0.0.1:8080).",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GW_GATEWAY") is { Length: > 0 } url ? url : "http://127.0.0.1:8080",
    };

    /// <summary>The environment variable the admin key is read from when --admin-key is not given.</summary>
    public const string AdminKeyVariable = "GW_ADMIN_KEY";

    /// <summary>No default value: System.CommandLine prints a default in --help, and a secret must never appear there.</summary>
    public static readonly Option<string?> AdminKey = new("--admin-key")
    {
        Description = $"The admin key, sent as 'Authorization: Bearer <key>'. Prefer ${AdminKeyVariable}: a key on the command line shows in ps.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print the gateway's raw JSON answer.", Recursive = true };

    public static Command Create() => new("models", "Manage the running gateway's department models: list, register, activate, canary, promote, roll back, audit.")
    {
        Gateway,
        AdminKey,
        Json,
        ModelsLifecycleCommands.List(),
        ModelsLifecycleCommands.Register(),
        ModelsLifecycleCommands.Activate(),
        ModelsLifecycleCommands.Canary(),
        ModelsLifecycleCommands.Promote(),
        ModelsLifecycleCommands.Rollback(),
        ModelsAuditCommand.Create(),
        RouterCommands.Create(),
    };

    /// <summary>Runs a command body against the gateway: the server's errors become one line on stderr and exit 1.</summary>
    public static void SetAdminAction(this Command command, Func<ParseResult, AdminConnection, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(Gateway), UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync($"error: --gateway must be an http(s) address, not '{parse.GetValue(Gateway)}'").ConfigureAwait(false);
                return UsageError;
            }

            using var connection = new AdminConnection(gateway, parse.GetValue(AdminKey) ?? Environment.GetEnvironmentVariable(AdminKeyVariable));
            try
            {
                return await body(parse, connection, cancellationToken).ConfigureAwait(false);
            }
            catch (AdminCallException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return CliOutput.Failed;
            }
        });

    /// <summary>With --json the raw answer; otherwise the human form of the record the route answers.</summary>
    public static int Print<T>(ParseResult parse, AdminAnswer answer, JsonTypeInfo<T> type, Action<T> human)
    {
        if (parse.GetValue(Json))
        {
            Console.WriteLine(answer.Text);
        }
        else
        {
            human(answer.Read(type));
        }

        return CliOutput.Ok;
    }

    /// <summary>A value that may be absent, as the tables and lines show it.</summary>
    public static string Dash(string? value) => value ?? "-";

    /// <summary>
    /// Parse errors under <c>gw models</c> (missing argument, unknown option) print the errors and usage and exit 2;
    /// every other command keeps System.CommandLine's own handling.
    /// </summary>
    public static int Invoke(ParseResult parse)
    {
        if (parse.Errors.Count == 0 || !IsUnder(parse.CommandResult, "models") || parse.Action is not System.CommandLine.Invocation.ParseErrorAction)
        {
            return parse.Invoke();
        }

        parse.Invoke();
        return UsageError;
    }

    private static bool IsUnder(System.CommandLine.Parsing.CommandResult? result, string name)
    {
        for (var current = result; current is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (current.Command.Name == name && current.Parent is System.CommandLine.Parsing.CommandResult { Parent: null })
            {
                return true;
            }
        }

        return false;
    }
}
