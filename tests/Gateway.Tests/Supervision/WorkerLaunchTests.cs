using Gateway.Configuration;
using Gateway.Supervision;
using Gateway.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Supervision;

/// <summary>routing.json's worker settings, as the supervisor starts a local worker with them, read back by the worker.</summary>
public sealed class WorkerLaunchTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public WorkerLaunchTests() => Directory.CreateDirectory(_root.Combine("data", "hr", "kb"));

    public void Dispose() => _root.Dispose();

    [Fact]
    public void RoutingWorker_ReachesTheWorkerOptions_WithTheSameValues()
    {
        var config = Parse("""{ "port": 5101, "device": "cuda:0", "gpuMemoryLimitBytes": 1073741824, "maxBatchSize": 4, "threads": 2 }""",
            """{ "knowledge": "data/hr/kb", "topK": 4, "unit": "sentence", "enabled": false }""");
        var department = config.Departments["hr"];
        var grounding = department.Grounding! with { Knowledge = department.Grounding.ResolveKnowledge(config.BaseDirectory) };
        var child = new WorkerChild("hr", department.Workers[0], () => "/abs/hr/v5", "worker.dll", "token", NullLogger.Instance, grounding);

        var options = WorkerReads(child);

        Assert.Equal(("hr", "/abs/hr/v5", 5101), (options.Department, options.Model, options.Port));
        Assert.Equal(("cuda:0", 1073741824L, 4, 2), (options.Engine.Device, options.Engine.GpuMemoryLimitBytes, options.Engine.MaxBatchSize, options.Engine.IntraOpThreads));
        Assert.Equal((grounding.Knowledge, 4, "sentence", false), (options.Knowledge, options.GroundingTopK, options.GroundingUnit, options.Grounding));
        Assert.Equal(Environment.ProcessId, options.ParentProcessId);
        Assert.Equal("token", options.AdminToken);
        Assert.DoesNotContain("token", child.Arguments());
    }

    [Fact]
    public void RoutingWorker_WithOnlyAPort_LeavesHowItRunsToTheWorker()
    {
        var child = new WorkerChild("hr", Parse("""{ "port": 5101 }""").Departments["hr"].Workers[0], () => "/m", "worker.dll", null, NullLogger.Instance);

        var args = child.Arguments().ToList();

        Assert.DoesNotContain("--device", args);
        Assert.DoesNotContain("--max-batch", args);
        Assert.DoesNotContain("--threads", args);
        Assert.Equal(new Gateway.Inference.Models.EngineSettings(), WorkerReads(child).Engine);
    }

    [Theory]
    [InlineData("""{ "port": 5101, "maxBatchSize": 0 }""")]
    [InlineData("""{ "port": 5101, "maxBatchSize": 257 }""")]
    public void RoutingWorker_WithABatchSizeTheEngineRefuses_IsRefusedNamingTheField(string worker)
    {
        var e = Assert.Throws<RoutingConfigException>(() => Parse(worker));

        Assert.Equal("departments.hr.workers[0].maxBatchSize: must be 1..256", e.Message);
    }

    /// <summary>The worker's own binding of the child's command line and environment.</summary>
    private static WorkerOptions WorkerReads(WorkerChild child)
    {
        var launch = child.Launch();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(launch.Environment().Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)))
            .AddWorkerCommandLine([.. launch.Arguments()])
            .Build();
        var services = new ServiceCollection();
        services.AddWorkerOptions(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
    }

    private RoutingConfig Parse(string worker, string? grounding = null) => RoutingConfigLoader.Parse($$"""
        {
          "departments": {
            "hr": { "model": "models/hr/v0", "workers": [{{worker}}] {{(grounding is null ? "" : $", \"grounding\": {grounding}")}} }
          },
          "intent": { "fallback": "hr" }
        }
        """, _root.Path, _ => null);
}
