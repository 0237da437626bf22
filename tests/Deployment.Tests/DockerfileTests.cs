using System.Text.Json;
using Gateway.Hosting;
using Gateway.Worker.Hosting;

namespace Gateway.Deployment.Tests;

/// <summary>The Dockerfiles against the apps: the switches their entrypoints pass exist, probes use real routes.</summary>
public class DockerfileTests
{
    public const string GatewayConfigPath = "/config/routing.json";

    public static TheoryData<string> Dockerfiles => new() { "Dockerfile.gateway", "Dockerfile.worker", "Dockerfile.worker-gpu" };

    [Fact]
    public void GatewayEntrypoint_PassesRealSwitches_ConfigAndListen()
    {
        var entrypoint = Entrypoint("Dockerfile.gateway");
        Assert.Equal(["dotnet", "Gateway.dll"], entrypoint[..2]);
        var switches = Switches(entrypoint[2..]);
        Assert.All(switches.Keys, s => Assert.True(GatewayHosting.CommandLineSwitches.ContainsKey(s), $"{s} is no gateway switch"));
        Assert.Equal("Gateway:Config", GatewayHosting.CommandLineSwitches["--config"]);
        Assert.Equal("Gateway:Listen", GatewayHosting.CommandLineSwitches["--listen"]);
        Assert.Equal(GatewayConfigPath, switches["--config"]);
        Assert.Equal(new Uri($"http://0.0.0.0:{Repo.ContainerPort}"), new Uri(switches["--listen"]));
    }

    [Theory]
    [InlineData("Dockerfile.worker")]
    [InlineData("Dockerfile.worker-gpu")]
    public void WorkerEntrypoint_PassesRealSwitches_HostAndPort_AndTheRestComesFromWorkerVariables(string dockerfile)
    {
        var entrypoint = Entrypoint(dockerfile);
        Assert.Equal(["dotnet", "Gateway.Worker.dll"], entrypoint[..2]);
        var switches = Switches(entrypoint[2..]);
        Assert.All(switches.Keys, s => Assert.True(WorkerOptions.CommandLineSwitches.ContainsKey(s), $"{s} is no worker switch"));
        Assert.Equal("0.0.0.0", switches["--host"]);
        Assert.Equal(Repo.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), switches["--port"]);
        foreach (string variable in Lines(dockerfile).Where(l => l.StartsWith("ENV ", StringComparison.Ordinal) || l.StartsWith("Worker__", StringComparison.Ordinal))
                     .SelectMany(l => l.Replace("ENV ", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                     .Where(t => t.StartsWith("Worker__", StringComparison.Ordinal)).Select(t => t.Split('=')[0]))
        {
            Assert.True(Repo.WorkerSettings.Contains(Repo.WorkerSetting(variable)), $"{dockerfile}: {variable} sets no property of WorkerOptions");
        }
    }

    [Fact]
    public void GpuWorker_IsBuiltWithTheGpuSwitch_OnCuda13_AndDefaultsToTheFirstGpu()
    {
        string text = File.ReadAllText(Repo.File("deploy", "docker", "Dockerfile.worker-gpu"));
        Assert.Contains("-p:Gpu=true", text, StringComparison.Ordinal);
        Assert.Contains("nvidia/cuda:13.", text, StringComparison.Ordinal);
        Assert.Contains("cudnn", text, StringComparison.Ordinal);
        Assert.Contains("Worker__Device=cuda:0", text, StringComparison.Ordinal);
        Assert.Contains("Worker__GpuMemoryLimitBytes", text, StringComparison.Ordinal);
        // The switch the Dockerfile passes is the one the build honours.
        Assert.Contains("'$(Gpu)' == 'true'", File.ReadAllText(Repo.File("src", "ModelKit", "ModelKit.csproj")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Images_AreMultiStage_NonRoot_Healthchecked_OnThePortTheAppsListenOn(string dockerfile)
    {
        var lines = Lines(dockerfile);
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        string publish = Assert.Single(lines, l => l.Contains("dotnet publish", StringComparison.Ordinal));
        string project = publish.Split(' ').Single(t => t.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.True(File.Exists(Repo.File(project.Split('/'))), project);
        Assert.Contains("-c Release -o /app", publish, StringComparison.Ordinal);
        Assert.Equal("USER $APP_UID", lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.Contains($"EXPOSE {Repo.ContainerPort}", lines);
        string healthcheck = Assert.Single(lines, l => l.StartsWith("CMD curl", StringComparison.Ordinal));
        Assert.Contains($"http://127.0.0.1:{Repo.ContainerPort}/healthz", healthcheck, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("install -y --no-install-recommends", StringComparison.Ordinal) && l.Contains("curl", StringComparison.Ordinal));
        Assert.Contains("COPY --chown=app:app models/ /models/", lines);
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndTestsOut_ButNotWhatTheImagesCopy()
    {
        var rules = File.ReadAllLines(Repo.File(".dockerignore")).Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.Contains("**/bin/", rules);
        Assert.Contains("**/obj/", rules);
        Assert.Contains(".git/", rules);
        Assert.Contains("tests/", rules);
        Assert.DoesNotContain(rules, r => r.TrimEnd('/') is "src" or "models" or "data" or "global.json" or "Directory.Build.props" or "Directory.Packages.props");
    }

    internal static string[] Entrypoint(string dockerfile)
    {
        string line = Assert.Single(Lines(dockerfile), l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        return JsonSerializer.Deserialize<string[]>(line["ENTRYPOINT ".Length..])!;
    }

    private static Dictionary<string, string> Switches(string[] args)
    {
        Assert.True(args.Length % 2 == 0, string.Join(' ', args));
        return Enumerable.Range(0, args.Length / 2).ToDictionary(i => args[2 * i], i => args[(2 * i) + 1], StringComparer.Ordinal);
    }

    private static List<string> Lines(string dockerfile) =>
        File.ReadAllLines(Repo.File("deploy", "docker", dockerfile)).Select(l => l.Trim()).ToList();
}
