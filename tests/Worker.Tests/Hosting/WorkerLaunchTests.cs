using Gateway.Inference.Models;
using Gateway.Protocol.Workers;
using Gateway.Worker.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.Tests.Hosting;

/// <summary>The gateway's launch record, read back through the worker's own configuration binding.</summary>
public class WorkerLaunchTests
{
    private static readonly WorkerLaunch Everything = new()
    {
        Department = "hr",
        Model = "/models/hr/v5",
        Port = 5101,
        Device = "cuda:1",
        MaxBatchSize = 4,
        IntraOpThreads = 2,
        GpuMemoryLimitBytes = 4_294_967_296,
        ParentProcessId = 4242,
        Knowledge = "/data/hr/kb",
        GroundingTopK = 5,
        GroundingUnit = "sentence",
        Grounding = false,
        AdminToken = "secret-token",
    };

    [Fact]
    public void Launch_ThroughArgumentsAndEnvironment_BindsToTheSameValues()
    {
        var options = Bind(Everything);

        Assert.Equal(Everything.Department, options.Department);
        Assert.Equal(Everything.Model, options.Model);
        Assert.Equal(Everything.Port, options.Port);
        Assert.Equal(Everything.Device, options.Engine.Device);
        Assert.Equal(Everything.MaxBatchSize, options.Engine.MaxBatchSize);
        Assert.Equal(Everything.IntraOpThreads, options.Engine.IntraOpThreads);
        Assert.Equal(Everything.GpuMemoryLimitBytes, options.Engine.GpuMemoryLimitBytes);
        Assert.Equal(Everything.ParentProcessId, options.ParentProcessId);
        Assert.Equal(Everything.Knowledge, options.Knowledge);
        Assert.Equal(Everything.GroundingTopK, options.GroundingTopK);
        Assert.Equal(Everything.GroundingUnit, options.GroundingUnit);
        Assert.Equal(Everything.Grounding, options.Grounding);
        Assert.Equal(Everything.AdminToken, options.AdminToken);
    }

    [Fact]
    public void Launch_KeepsTheSecretOffTheCommandLine()
    {
        var arguments = Everything.Arguments().ToList();

        Assert.DoesNotContain(Everything.AdminToken, arguments);
        Assert.DoesNotContain(arguments, a => a.Contains(nameof(WorkerLaunch.AdminToken), StringComparison.OrdinalIgnoreCase));
        Assert.Equal(new KeyValuePair<string, string>("Worker__AdminToken", Everything.AdminToken!), Assert.Single(Everything.Environment()));
        Assert.DoesNotContain(Everything.AdminToken!, Everything.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Launch_WithOnlyTheRequiredSettings_LeavesTheRestToTheWorkersDefaults()
    {
        var launch = new WorkerLaunch { Department = "it", Model = "/m", Port = 5102 };

        var options = Bind(launch);

        Assert.Equal(["--department", "it", "--model", "/m", "--port", "5102"], launch.Arguments());
        Assert.Equal(new EngineSettings(), options.Engine);
        Assert.Null(options.Knowledge);
        Assert.Null(options.GroundingTopK);
        Assert.Null(options.ParentProcessId);
    }

    [Fact]
    public void EverySettingName_IsAPropertyTheWorkerBinds()
    {
        var bound = typeof(WorkerOptions).GetProperties().Concat(typeof(EngineSettings).GetProperties())
            .Where(p => p.CanWrite).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(WorkerSettings.All, s => Assert.True(bound.Contains(s.Name), $"{s.Key} binds to no property of WorkerOptions or EngineSettings"));
    }

    [Fact]
    public void EngineSettings_AreReadFromTheWorkerSectionItself()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Worker:Model"] = "/m",
            ["Worker:Device"] = "cuda:0",
            ["Worker:MaxQueuedRequests"] = "3",
            ["Worker:DefaultMaxTokens"] = "9",
            ["Worker:AllowSpinning"] = "false",
        });

        Assert.Equal(new EngineSettings { Device = "cuda:0", MaxQueuedRequests = 3, DefaultMaxTokens = 9, AllowSpinning = false }, options.Engine);
    }

    [Theory]
    [InlineData("Worker:MaxBatchSize", "0", "Worker:MaxBatchSize (--max-batch) must be 1..256, got 0")]
    [InlineData("Worker:MaxBatchSize", "257", "Worker:MaxBatchSize (--max-batch) must be 1..256, got 257")]
    [InlineData("Worker:Device", "gpu", "Worker:Device (--device) must be cpu, cuda or cuda:N, got 'gpu'")]
    [InlineData("Worker:IntraOpThreads", "-1", "Worker:IntraOpThreads (--threads) must not be negative")]
    [InlineData("Worker:DefaultMaxTokens", "0", "Worker:DefaultMaxTokens must be at least 1, got 0")]
    [InlineData("Worker:Host", "localhost", "Worker:Host (--host) must be an IP address")]
    [InlineData("Worker:Port", "70000", "Worker:Port (--port) must be 0..65535, got 70000")]
    public void BadSetting_FailsValidationNamingTheSetting(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?> { ["Worker:Model"] = "/m", [key] = value }));

        Assert.Contains(error.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?> { ["Worker:MaxBatchSize"] = "0" }));

        Assert.Contains(error.Failures, f => f.StartsWith("Worker:Model (--model)", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Worker:MaxBatchSize (--max-batch)", StringComparison.Ordinal));
    }

    /// <summary>The worker's real path: its command line with its switches, the environment, AddWorkerOptions.</summary>
    private static WorkerOptions Bind(WorkerLaunch launch)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(launch.Environment().Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)))
            .AddWorkerCommandLine(launch.Arguments().ToArray())
            .Build();
        return Bind(configuration);
    }

    private static WorkerOptions Bind(Dictionary<string, string?> settings) => Bind(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static WorkerOptions Bind(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddWorkerOptions(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WorkerOptions>>().Value;
    }
}
