namespace Gateway.Cli.Tests.Admin;

/// <summary>gw models against one real gateway (local mode, hr and it on the tiny test package); hr and it are changed by different tests.</summary>
public class ModelsCommandsTests(AdminGateway gateway) : IClassFixture<AdminGateway>
{
    [Fact]
    public void List_ShowsEveryDepartmentWithItsActiveVersion()
    {
        var result = gateway.Gw("list");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("DEPARTMENT", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("hr ", StringComparison.Ordinal) && l.Contains("fp32 (validated)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("it ", StringComparison.Ordinal));
        // Aligned: every row's second column starts where the header's does.
        int column = lines[0].IndexOf("ACTIVE", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.NotEqual(' ', l[column]));

        var json = gateway.Gw("list", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("fp32", System.Text.Json.JsonDocument.Parse(json.Stdout).RootElement.GetProperty("hr").GetProperty("active").GetString());
    }

    [Fact]
    public void RegisterActivateRollback_ThenAuditListsTheSteps()
    {
        using var dir = new TemporaryDirectory();
        string package = TestPackages.VersionedCopy(TestPackages.TinyFp32, dir.Path, "hr-2");

        var registered = gateway.Gw("register", "hr", package);
        Assert.True(registered.ExitCode == 0, registered.ToString());
        Assert.Contains("hr: registered hr-2 (validated", registered.Stdout, StringComparison.Ordinal);

        var activated = gateway.Gw("activate", "hr", "hr-2");
        Assert.True(activated.ExitCode == 0, activated.ToString());
        Assert.Contains("hr: hr-2 active (previous fp32), 1/1 workers switched", activated.Stdout, StringComparison.Ordinal);

        var rolledBack = gateway.Gw("rollback", "hr");
        Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
        Assert.Contains("hr: fp32 active (previous hr-2)", rolledBack.Stdout, StringComparison.Ordinal);

        // Nothing earlier to return to: the server's 409 message, exit 1.
        var again = gateway.Gw("rollback", "hr");
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("error: 409: hr has no earlier version to roll back to", again.Stderr, StringComparison.Ordinal);

        var audit = gateway.Gw("audit", "--department", "hr");
        Assert.True(audit.ExitCode == 0, audit.ToString());
        var steps = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(3).Take(4))).ToList();
        Assert.Equal(["register hr hr-2 validated", "activate hr hr-2 ok", "rollback hr fp32 ok", "rollback hr - refused"], steps);

        var last = gateway.Gw("audit", "--department", "hr", "--last", "1", "--json");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal("rollback", System.Text.Json.JsonDocument.Parse(last.Stdout).RootElement.EnumerateArray().Single().GetProperty("action").GetString());
    }

    [Fact]
    public void Register_WithUpload_SendsTheFolderAsTarGz()
    {
        using var dir = new TemporaryDirectory();
        string package = TestPackages.VersionedCopy(TestPackages.TinyFp32, dir.Path, "it-uploaded");

        var registered = gateway.Gw("register", "it", package, "--upload");

        Assert.True(registered.ExitCode == 0, registered.ToString());
        Assert.Contains("it: registered it-uploaded (validated", registered.Stdout, StringComparison.Ordinal);
        Assert.Contains("upload-", registered.Stdout, StringComparison.Ordinal);
        var activated = gateway.Gw("activate", "it", "it-uploaded");
        Assert.True(activated.ExitCode == 0, activated.ToString());
    }

    [Theory]
    [InlineData("sk-wrong", "error: 401: Incorrect admin key provided")]
    [InlineData(null, "error: 401: The admin API needs the admin key")]
    public void WrongOrMissingAdminKey_ExitsOneWithTheServersMessage(string? key, string message)
    {
        var result = gateway.GwWithKey(key, "list");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerErrors_AndUsageErrors_HaveTheirExitCodes()
    {
        var unknown = gateway.Gw("activate", "hr", "no-such-version");
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.Contains("error: 404: hr has no version no-such-version", unknown.Stderr, StringComparison.Ordinal);

        Assert.Equal(2, gateway.Gw("activate", "hr").ExitCode);
        Assert.Equal(2, gateway.Gw("canary", "hr", "v2", "--percent", "101").ExitCode);
        Assert.Equal(2, gateway.Gw("list", "--no-such-option").ExitCode);
        Assert.Equal(0, gateway.Gw("audit", "--help").ExitCode);
    }

    [Fact]
    public void List_KeyFromTheEnvironment_IsSentToTheGateway()
    {
        var result = GwCli.RunWithEnvironment(
            new Dictionary<string, string?> { ["GW_ADMIN_KEY"] = AdminGateway.AdminKey }, "models", "list", "--gateway", gateway.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("DEPARTMENT", result.Stdout, StringComparison.Ordinal);
    }
}
