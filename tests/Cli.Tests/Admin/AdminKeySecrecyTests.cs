namespace Gateway.Cli.Tests.Admin;

/// <summary>The admin key is a secret: gw reads it from the environment and never prints it.</summary>
public class AdminKeySecrecyTests
{
    [Theory]
    [InlineData("models", "--help")]
    [InlineData("models", "list", "--help")]
    [InlineData("models", "register", "--help")]
    public void Help_WithTheKeyInTheEnvironment_NeverShowsIt(params string[] args)
    {
        const string key = "gw-test-secret-4b7e9c1d2f3a5e6b8c9d0e1f2a3b4c5d";

        var result = GwCli.RunWithEnvironment(new Dictionary<string, string?> { ["GW_ADMIN_KEY"] = key }, args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--admin-key", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(key, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }
}
