using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Grounding;

namespace Gateway.Deployment.Tests;

/// <summary>docker-compose.yml against deploy/routing.container.json, the Dockerfiles and the apps' settings.</summary>
public partial class ComposeTests
{
    private static readonly Map Services = Repo.Compose["services"];

    [Fact]
    public void EveryDepartment_HasAWorkerServiceAtTheAddressTheRoutingFileNames()
    {
        var routing = Repo.Routing;
        foreach (var (department, settings) in routing.Departments)
        {
            foreach (var worker in settings.Workers)
            {
                var address = worker.BaseAddress;
                Assert.Equal(Repo.ContainerPort, address.Port);
                var service = Services.MapOrNull(address.Host);
                Assert.True(service is not null, $"{department}: no compose service named {address.Host}");
                Assert.Null(service.MapOrNull("profiles")); // CPU workers run by default
                var env = service.Scalars("environment");
                Assert.Equal(department, env["Worker__Department"]);
                Assert.Equal(settings.Model, env["Worker__Model"]);
                Assert.Equal(settings.Grounding?.Knowledge, env.GetValueOrDefault("Worker__Knowledge"));
                Assert.Equal(settings.Grounding?.TopK?.ToString(CultureInfo.InvariantCulture), env.GetValueOrDefault("Worker__GroundingTopK"));
                Assert.Equal(settings.Grounding?.Unit?.Name(), env.GetValueOrDefault("Worker__GroundingUnit"));
                Assert.Contains(Repo.ContainerPort.ToString(CultureInfo.InvariantCulture), service.Strs("expose"));
            }
        }
    }

    [Fact]
    public void GpuWorkers_AnswerToTheSameNames_AndReserveTheGpuWithAMemoryCap()
    {
        var routing = Repo.Routing;
        var gpuWorkers = Services.Entries.Where(s => s.Value.Strs("profiles").Contains("gpu") && s.Value.Scalars("environment").ContainsKey("Worker__Department")).ToList();
        Assert.Equal(routing.Departments.Count, gpuWorkers.Count);
        foreach (var (name, service) in gpuWorkers)
        {
            var env = service.Scalars("environment");
            string department = env["Worker__Department"];
            string host = routing.Departments[department].Workers[0].BaseAddress.Host;
            Assert.Contains(host, service["networks"]["default"].Strs("aliases"));
            Assert.Equal("cuda:0", env["Worker__Device"]);
            Assert.True(long.Parse(env["Worker__GpuMemoryLimitBytes"], CultureInfo.InvariantCulture) > 0, name);
            var device = Assert.Single(service["deploy"]["resources"]["reservations"].Maps("devices"));
            Assert.Contains("gpu", device.Strs("capabilities"));
            Assert.Equal("deploy/docker/Dockerfile.worker-gpu", service["build"].Str("dockerfile"));
        }

        // One shared GPU: the per-worker caps must fit a 24 GiB card together.
        long total = gpuWorkers.Sum(w => long.Parse(w.Value.Scalars("environment")["Worker__GpuMemoryLimitBytes"], CultureInfo.InvariantCulture));
        Assert.True(total <= 24L << 30, $"GPU memory caps add up to {total} bytes");
    }

    [Fact]
    public void EveryWorkerVariable_IsARealWorkerSetting()
    {
        foreach (var (name, service) in Services.Entries)
        {
            foreach (string variable in service.Scalars("environment").Keys.Where(k => k.StartsWith("Worker", StringComparison.Ordinal)))
            {
                string setting = Repo.WorkerSetting(variable);
                Assert.True(Repo.WorkerSettings.Contains(setting), $"{name}: {variable} sets no property of WorkerOptions");
            }
        }
    }

    [Fact]
    public void Secrets_ComeFromTheVariablesTheRoutingFileNames_AndTheWorkerTokenIsShared()
    {
        var (adminKey, workerToken) = Repo.SecretVariables();
        foreach (string gateway in new[] { "gateway", "gateway-gpu" })
        {
            var env = Services[gateway].Scalars("environment");
            Assert.Equal(adminKey, InterpolatedVariable(env[adminKey]));
            Assert.Equal(workerToken, InterpolatedVariable(env[workerToken]));
        }

        foreach (var (name, service) in Services.Entries.Where(s => s.Value.Scalars("environment").ContainsKey("Worker__Department")))
        {
            Assert.True(service.Scalars("environment").TryGetValue("Worker__AdminToken", out string? token), $"{name} has no Worker__AdminToken");
            Assert.Equal(workerToken, InterpolatedVariable(token));
        }
    }

    [Fact]
    public void Volumes_AreMountedWhereTheSettingsPoint()
    {
        var routing = Repo.Routing;
        Assert.True(Repo.Compose["volumes"].Has("models"));
        string routingFile = Repo.Compose["configs"]["routing"].Str("file");
        Assert.Equal("./deploy/routing.container.json", routingFile);

        foreach (string gateway in new[] { "gateway", "gateway-gpu" })
        {
            var service = Services[gateway];
            var config = Assert.Single(service.Maps("configs"));
            Assert.Equal("routing", config.Str("source"));
            Assert.Equal(DockerfileTests.GatewayConfigPath, config.Str("target"));
            var mounts = Mounts(service);
            Assert.Equal("models", mounts["/models"]);
            Assert.True(Repo.IsUnder(routing.Intent.Model!, "/models"), routing.Intent.Model);
            Assert.True(Repo.IsUnder(Path.Combine(routing.BaseDirectory, routing.Lifecycle.Registry), "/models"), "registry off the models volume");
        }

        foreach (var (name, service) in Services.Entries.Where(s => s.Value.Scalars("environment").ContainsKey("Worker__Department")))
        {
            var env = service.Scalars("environment");
            var mounts = Mounts(service);
            Assert.Equal("models", mounts["/models"]);
            Assert.Equal("./data", mounts["/data"]);
            Assert.True(Repo.IsUnder(env["Worker__Model"], "/models"), $"{name}: {env["Worker__Model"]}");
            Assert.True(Repo.IsUnder(env["Worker__Knowledge"], "/data"), $"{name}: {env["Worker__Knowledge"]}");
            Assert.True(Directory.Exists(Repo.RepositoryPathOf(env["Worker__Model"])), $"{name}: the images bake no {env["Worker__Model"]}");
            Assert.True(Directory.Exists(Repo.RepositoryPathOf(env["Worker__Knowledge"])), $"{name}: ./data has no {env["Worker__Knowledge"]}");
        }
    }

    [Fact]
    public void Healthchecks_UseTheAppsRoutes_AndTheGatewayWaitsForHealthyWorkers()
    {
        foreach (var (name, service) in Services.Entries.Where(s => s.Value.MapOrNull("build") is not null))
        {
            string test = string.Join(' ', service["healthcheck"].Strs("test"));
            bool worker = service.Scalars("environment").ContainsKey("Worker__Department");
            Assert.Contains(worker ? "http://127.0.0.1:8080/readyz" : "http://127.0.0.1:8080/healthz", test, StringComparison.Ordinal);
        }

        foreach (string gateway in new[] { "gateway", "gateway-gpu" })
        {
            var service = Services[gateway];
            var dependencies = service["depends_on"].Entries.ToList();
            Assert.Equal(Repo.Routing.Departments.Count, dependencies.Count);
            foreach (var (dependency, condition) in dependencies)
            {
                Assert.Equal("service_healthy", condition.Str("condition"));
                Assert.Equal(service.Strs("profiles"), Services[dependency].Strs("profiles"));
            }
        }
    }

    [Fact]
    public void Observability_PrometheusScrapesTheGatewayAndEveryWorker_OnMetrics()
    {
        Assert.Contains("observability", Services["prometheus"].Strs("profiles"));
        Assert.Contains("observability", Services["otel-collector"].Strs("profiles"));
        var prometheus = Repo.LoadYaml(Repo.File("deploy", "prometheus", "prometheus.yml")).Single();
        var targets = prometheus.Maps("scrape_configs")
            .Where(j => j.StrOrNull("metrics_path") == "/metrics")
            .SelectMany(j => j.Maps("static_configs")).SelectMany(s => s.Strs("targets")).ToHashSet(StringComparer.Ordinal);
        Assert.Contains($"gateway:{Repo.ContainerPort}", targets);
        foreach (var worker in Repo.Routing.Departments.Values.SelectMany(d => d.Workers))
        {
            Assert.Contains($"{worker.BaseAddress.Host}:{worker.BaseAddress.Port}", targets);
        }

        var collector = Repo.LoadYaml(Repo.File("deploy", "otel", "collector.yaml")).Single();
        Assert.Equal("0.0.0.0:4317", collector["receivers"]["otlp"]["protocols"]["grpc"].Str("endpoint"));
        Assert.Equal("./deploy/otel/collector.yaml", Repo.Compose["configs"]["otel-collector"].Str("file"));
        Assert.Equal("./deploy/prometheus/prometheus.yml", Repo.Compose["configs"]["prometheus"].Str("file"));
    }

    [Fact]
    public void BuiltServices_UseTheDockerfilesInDeploy()
    {
        foreach (var (name, service) in Services.Entries.Where(s => s.Value.MapOrNull("build") is not null))
        {
            Assert.Equal(".", service["build"].Str("context"));
            Assert.True(File.Exists(Repo.File(service["build"].Str("dockerfile").Split('/'))), name);
        }
    }

    private static Dictionary<string, string> Mounts(Map service) => service.Strs("volumes")
        .Select(v => v.Split(':')).ToDictionary(p => p[1], p => p[0], StringComparer.Ordinal);

    private static string InterpolatedVariable(string value)
    {
        var match = Interpolation().Match(value);
        Assert.True(match.Success, $"'{value}' is not a ${{VARIABLE…}} interpolation");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Interpolation();
}
