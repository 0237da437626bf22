using System.Text.Json;

namespace Gateway.Tests.Admin;

public class AdminApiTests
{
    [Fact]
    public async Task BadVersions_AreRefusedWithAReason_AndNeverServe()
    {
        using var gateway = await GatewayProcess.StartAsync();
        var admin = new AdminClient(gateway);
        using var dir = new TemporaryDirectory();

        // A corrupt package: a file no longer matches its hash.
        string corrupt = TestPackages.VersionedCopy(TestPackages.TinyFp32, dir.Path, "corrupt");
        File.AppendAllText(Path.Combine(corrupt, "tokenizer.json"), " ");
        var (status, body) = await admin.Register("it", corrupt);
        Assert.Equal(422, status);
        Assert.Contains("tokenizer.json: size is", body.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // A graph that does not match its config.
        string mismatched = TestPackages.VersionedCopy(TestPackages.TinyFp32, dir.Path, "mismatched");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(mismatched, "genai_config.json")))!;
        config["model"]!["decoder"]!["num_key_value_heads"] = 4;
        File.WriteAllText(Path.Combine(mismatched, "genai_config.json"), config.ToJsonString());
        RehashManifest(mismatched);
        (status, body) = await admin.Register("it", mismatched);
        Assert.Equal(422, status);
        Assert.Contains("num_key_value_heads", body.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The evaluation gate: a version whose recall drops too far below the active one's.
        Assert.Equal(201, (await admin.Register("it", TestPackages.VersionedCopy(TestPackages.TinyFp32, dir.Path, "good", recall: 0.80))).Status);
        Assert.Equal(200, (await admin.Activate("it", "good")).Status);
        (status, body) = await admin.Register("it", TestPackages.VersionedCopy(TestPackages.TinyFp32, dir.Path, "worse", recall: 0.60));
        Assert.Equal(422, status);
        Assert.Contains("more than 0.05 below the active version's 0.8", body.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Refused versions cannot be activated, and traffic still sees the good one.
        (status, body) = await admin.Activate("it", "worse");
        Assert.Equal(422, status);
        using var response = await gateway.Http.SendAsync(gateway.Post("/v1/chat/completions", """{"model":"it","messages":[{"role":"user","content":"hi"}],"max_tokens":1}"""));
        Assert.Equal("good", response.Headers.GetValues("x-gateway-model-version").Single());

        var (auditStatus, audit) = await admin.SendAsync(HttpMethod.Get, "/admin/audit");
        Assert.True(auditStatus == 200, audit.ToString());
        var actions = audit.EnumerateArray().Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("version").GetString()} {e.GetProperty("result").GetString()}").ToList();
        Assert.Contains("register corrupt refused", actions);
        Assert.Contains("register mismatched refused", actions);
        Assert.Contains("activate good ok", actions);
        Assert.Contains("register worse refused", actions);
        Assert.Contains("activate worse refused", actions);
    }

    [Fact]
    public async Task ActivateThenRollback_ReturnsToThePreviousVersion()
    {
        using var gateway = await GatewayProcess.StartAsync();
        var admin = new AdminClient(gateway);
        using var dir = new TemporaryDirectory();
        Assert.Equal(201, (await admin.Register("hr", TestPackages.VersionedCopy(TestPackages.TinyFp16, dir.Path, "hr-2"))).Status);

        var (status, activated) = await admin.Activate("hr", "hr-2");
        Assert.Equal(200, status);
        Assert.Equal("long", activated.GetProperty("previous").GetString());
        Assert.Equal("hr-2", await ServedVersion(gateway, "hr"));

        (status, var rolledBack) = await admin.SendAsync(HttpMethod.Post, "/admin/departments/hr/rollback");
        Assert.Equal(200, status);
        Assert.Equal("long", rolledBack.GetProperty("version").GetString());
        Assert.Equal("long", await ServedVersion(gateway, "hr"));
        (status, _) = await admin.SendAsync(HttpMethod.Post, "/admin/departments/hr/rollback");
        Assert.Equal(409, status);
    }

    private static async Task<string> ServedVersion(GatewayProcess gateway, string department)
    {
        using var response = await gateway.Http.SendAsync(gateway.Post("/v1/chat/completions", $$"""{"model":"{{department}}","messages":[{"role":"user","content":"hi"}],"max_tokens":1}"""));
        return response.Headers.GetValues("x-gateway-model-version").Single();
    }

    private static void RehashManifest(string package)
    {
        var manifest = Gateway.ModelKit.Packaging.PackageManifest.Load(package);
        (manifest with { Files = Gateway.ModelKit.Packaging.PackageManifest.HashFiles(package) }).Save(package);
    }
}
