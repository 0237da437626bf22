using System.Net.Http.Json;

namespace Gateway.Tests.Admin;

public class CanaryTests
{
    [Fact]
    public async Task CanaryAt25Percent_GetsAQuarterOfUsers_ThenPromoteAndRollbackWork()
    {
        using var gateway = await GatewayProcess.StartAsync();
        var admin = new AdminClient(gateway);
        using var dir = new TemporaryDirectory();
        Assert.Equal(201, (await admin.Register("it", TestPackages.VersionedCopy(TestPackages.TinyLongContext, dir.Path, "it-canary"))).Status);

        var (status, started) = await admin.SendAsync(HttpMethod.Post, "/admin/departments/it/canary", new { version = "it-canary", percent = 25 });
        Assert.True(status == 200, started.ToString());

        var versions = await VersionsForUsers(gateway, 400);
        double share = versions.Count(v => v == "it-canary") / 400.0;
        Assert.InRange(share, 0.20, 0.30);
        Assert.Equal(versions, await VersionsForUsers(gateway, 400)); // sticky: the same users land on the same side

        (status, _) = await admin.SendAsync(HttpMethod.Post, "/admin/departments/it/promote");
        Assert.Equal(200, status);
        Assert.All(await VersionsForUsers(gateway, 40), v => Assert.Equal("it-canary", v));

        Assert.Equal(201, (await admin.Register("it", TestPackages.VersionedCopy(TestPackages.TinyLongContext, dir.Path, "it-next"))).Status);
        Assert.Equal(200, (await admin.SendAsync(HttpMethod.Post, "/admin/departments/it/canary", new { version = "it-next", percent = 50 })).Status);
        (status, _) = await admin.SendAsync(HttpMethod.Post, "/admin/departments/it/rollback");
        Assert.Equal(200, status);
        Assert.All(await VersionsForUsers(gateway, 40), v => Assert.Equal("it-canary", v));

        var (_, audit) = await admin.SendAsync(HttpMethod.Get, "/admin/audit");
        var steps = audit.EnumerateArray().Select(e => $"{e.GetProperty("action").GetString()} {e.GetProperty("version").GetString()} {e.GetProperty("result").GetString()}").ToList();
        Assert.Equal(["register it-canary validated", "canary it-canary ok", "promote it-canary ok", "canary-stop it-canary ok",
            "register it-next validated", "canary it-next ok", "canary-stop it-next ok"], steps);
    }

    /// <summary>
    /// The version each user is served, asked four users at a time (the worker batches four): which side a user
    /// lands on depends only on the user, not on the order or the overlap of the requests.
    /// </summary>
    private static async Task<List<string>> VersionsForUsers(GatewayProcess gateway, int users)
    {
        var versions = new string[users];
        await Parallel.ForAsync(0, users, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (user, cancellation) =>
        {
            using var request = gateway.Post("/v1/chat/completions", $$"""{"model":"it","user":"user-{{user}}","messages":[{"role":"user","content":"hi"}],"max_tokens":1}""");
            using var response = await gateway.Http.SendAsync(request, cancellation);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellation));
            versions[user] = response.Headers.GetValues("x-gateway-model-version").Single();
        });

        return [.. versions];
    }
}
