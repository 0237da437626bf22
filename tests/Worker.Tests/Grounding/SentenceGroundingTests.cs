using System.Net.Http.Json;

namespace Gateway.Worker.Tests.Grounding;

/// <summary>A worker started with the sentence retrieval unit grounds prompts in single sentences and says which.</summary>
public sealed class SentenceGroundingTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _knowledge = new();
    private WorkerProcess _worker = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_knowledge.Combine("leave.md"),
            "## Annual leave\n\nBook leave in PeoplePoint. " + GroundedWorkerFixture.AnnualLeave + " Unused days lapse in March.\n");
        _worker = await WorkerProcess.StartAsync(TestPackages.TinyLongContext, "--knowledge", _knowledge.Path,
            "--Worker:GroundingTopK", "1", "--Worker:GroundingUnit", "sentence");
    }

    public Task DisposeAsync()
    {
        _worker.Dispose();
        _knowledge.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Chat_SentenceUnit_GroundsInTheAnsweringSentenceOnly()
    {
        using var response = await _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/v1/chat/completions"), new
        {
            messages = new[] { new { role = "user", content = "How many days of paid annual leave do employees receive?" } },
            max_tokens = 2,
        });

        response.EnsureSuccessStatusCode();
        Assert.Equal("leave.md#0.1", string.Join(',', response.Headers.GetValues("x-gateway-grounding")));
        Assert.Contains("knowledge base: 3 passages (sentences)", _worker.Output, StringComparison.Ordinal);
    }
}
