using System.Net.Http.Json;

namespace Gateway.Worker.Tests.Grounding;

/// <summary>
/// A worker without grounding settings serves each version with the unit and top-k it was trained with (its
/// manifest), across hot swaps; settings given to the worker win.
/// </summary>
public sealed class GroundingFollowsTheModelTests : IDisposable
{
    private const string Token = "worker-secret";
    private const string Question = "How many days of paid annual leave do employees receive?";
    private readonly TemporaryDirectory _root = new();

    public GroundingFollowsTheModelTests()
    {
        Directory.CreateDirectory(_root.Combine("kb"));
        File.WriteAllText(_root.Combine("kb", "leave.md"),
            "## Annual leave\n\nBook leave in PeoplePoint. " + GroundedWorkerFixture.AnnualLeave + " Unused days lapse in March.\n");
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Versions_TrainedOnSentencesAndOnSections_AreEachServedTheirOwnUnit()
    {
        string sentences = Package("sentences", "sentence", topK: 1);
        string sections = Package("sections", "section", topK: 1);
        using var worker = await WorkerProcess.StartAsync(sentences, "--knowledge", _root.Combine("kb"), "--Worker:AdminToken", Token);

        Assert.Equal("leave.md#0.1", await GroundingAsync(worker));
        Assert.Contains("knowledge base: 3 passages (sentences)", worker.Output, StringComparison.Ordinal);
        Assert.Contains("unit from the model's manifest, top-k from the model's manifest", worker.Output, StringComparison.Ordinal);

        await ActivateAsync(worker, sections);
        Assert.Equal("leave.md#0", await GroundingAsync(worker));

        await ActivateAsync(worker, sentences);
        Assert.Equal("leave.md#0.1", await GroundingAsync(worker));
    }

    [Fact]
    public async Task WorkerSettings_WinOverTheManifest()
    {
        string sections = Package("sections", "section", topK: 1);
        using var worker = await WorkerProcess.StartAsync(sections, "--knowledge", _root.Combine("kb"),
            "--Worker:GroundingUnit", "sentence", "--Worker:GroundingTopK", "2");

        string used = await GroundingAsync(worker);
        Assert.StartsWith("leave.md#0.1,leave.md#0.", used, StringComparison.Ordinal);
        Assert.Equal(2, used.Split(',').Length);
        Assert.Contains("unit from the settings, top-k from the settings", worker.Output, StringComparison.Ordinal);
    }

    /// <summary>A copy of the tiny package whose manifest says it was trained with this grounding.</summary>
    private string Package(string name, string unit, int topK) => TestPackages.VersionedCopy(TestPackages.TinyLongContext, _root.Path, name, unit: unit, topK: topK);

    private static async Task<string> GroundingAsync(WorkerProcess worker)
    {
        using var response = await worker.Http.PostAsJsonAsync(new Uri(worker.BaseUrl, "/v1/chat/completions"),
            new { messages = new[] { new { role = "user", content = Question } }, max_tokens = 2 });
        response.EnsureSuccessStatusCode();
        return string.Join(',', response.Headers.GetValues("x-gateway-grounding"));
    }

    private static async Task ActivateAsync(WorkerProcess worker, string package)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(worker.BaseUrl, "/internal/models/activate"))
        {
            Content = JsonContent.Create(new { model = package }),
        };
        request.Headers.Add("x-worker-token", Token);
        using var response = await worker.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
