using System.Globalization;
using Gateway.Grounding;

namespace Gateway.Deployment.Tests;

/// <summary>deploy/k8s against deploy/routing.container.json, the images and the apps' settings.</summary>
public class KubernetesTests
{
    private const string Namespace = "slm-gateway";

    private static readonly IReadOnlyList<(string File, Map Doc)> Manifests = Repo.Kubernetes();
    private static readonly IReadOnlyList<(string File, Map Doc)> GpuManifests = Repo.Kubernetes(gpu: true);

    [Fact]
    public void EveryObject_IsInTheNamespace()
    {
        Assert.Single(Manifests, m => Kind(m.Doc) == "Namespace" && m.Doc["metadata"].Str("name") == Namespace);
        foreach (var (file, doc) in Manifests.Concat(GpuManifests).Where(m => Kind(m.Doc) != "Namespace" && m.File != "time-slicing-config.yaml"))
        {
            Assert.True(doc["metadata"].StrOrNull("namespace") == Namespace, $"{file}: {Kind(doc)} {doc["metadata"].Str("name")} is not in {Namespace}");
        }
    }

    [Fact]
    public void TheRoutingConfigMap_IsTheContainerRoutingFile()
    {
        var configMap = Single("ConfigMap", "gateway-routing");
        Assert.Equal(Repo.RoutingText, configMap["data"].Str("routing.json"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryDepartment_HasAWorkerDeploymentAndService_AtTheAddressTheRoutingFileNames(bool gpu)
    {
        var manifests = gpu ? GpuManifests : Manifests;
        foreach (var (department, settings) in Repo.Routing.Departments)
        {
            var address = Assert.Single(settings.Workers).BaseAddress;
            var service = Single("Service", address.Host, manifests);
            var port = Assert.Single(service["spec"].Maps("ports"));
            Assert.Equal(address.Port, int.Parse(port.Str("port"), CultureInfo.InvariantCulture));

            var deployment = Single("Deployment", address.Host, manifests);
            var pod = deployment["spec"]["template"];
            var labels = pod["metadata"].Scalars("labels");
            Assert.All(service["spec"].Scalars("selector"), s => Assert.Equal(s.Value, labels.GetValueOrDefault(s.Key)));
            Assert.All(deployment["spec"]["selector"].Scalars("matchLabels"), s => Assert.Equal(s.Value, labels.GetValueOrDefault(s.Key)));

            var container = Assert.Single(pod["spec"].Maps("containers"));
            var containerPort = Assert.Single(container.Maps("ports"));
            Assert.Equal(port.Str("targetPort"), containerPort.Str("name"));
            Assert.Equal(Repo.ContainerPort, int.Parse(containerPort.Str("containerPort"), CultureInfo.InvariantCulture));

            var env = Env(container);
            Assert.Equal(department, env["Worker__Department"]);
            Assert.Equal(settings.Model, env["Worker__Model"]);
            Assert.Equal(settings.Grounding?.Knowledge, env.GetValueOrDefault("Worker__Knowledge"));
            Assert.Equal(settings.Grounding?.TopK?.ToString(CultureInfo.InvariantCulture), env.GetValueOrDefault("Worker__GroundingTopK"));
            Assert.Equal(settings.Grounding?.Unit?.Name(), env.GetValueOrDefault("Worker__GroundingUnit"));
            Assert.Equal(gpu ? "slm-gateway/worker-gpu:latest" : "slm-gateway/worker:latest", container.Str("image"));
            Assert.True(Directory.Exists(Repo.RepositoryPathOf(env["Worker__Knowledge"])), "the image bakes data/<department>/kb");

            var headless = Single("Service", address.Host + "-pods", manifests);
            Assert.Equal("None", headless["spec"].Str("clusterIP"));
        }
    }

    [Fact]
    public void Probes_AreTheAppsRealRoutes_ReadyzForReadiness_HealthzForLiveness()
    {
        foreach (var deployment in Manifests.Concat(GpuManifests).Where(m => Kind(m.Doc) == "Deployment").Select(m => m.Doc))
        {
            var container = Assert.Single(deployment["spec"]["template"]["spec"].Maps("containers"));
            Assert.Equal("/readyz", container["readinessProbe"]["httpGet"].Str("path"));
            Assert.Equal("/healthz", container["livenessProbe"]["httpGet"].Str("path"));
            Assert.Equal("http", container["readinessProbe"]["httpGet"].Str("port"));
            Assert.True(container.MapOrNull("resources")?.MapOrNull("requests") is not null, $"{deployment["metadata"].Str("name")} has no resource requests");
        }
    }

    [Fact]
    public void WorkerVariables_AreRealWorkerSettings_AndSecretsComeFromTheSecret()
    {
        var (adminKey, workerToken) = Repo.SecretVariables();
        var secret = Single("Secret", "gateway-secrets");
        Assert.True(secret["stringData"].Has(adminKey));
        Assert.True(secret["stringData"].Has(workerToken));
        foreach (var deployment in Manifests.Concat(GpuManifests).Where(m => Kind(m.Doc) == "Deployment").Select(m => m.Doc))
        {
            var container = Assert.Single(deployment["spec"]["template"]["spec"].Maps("containers"));
            foreach (var variable in container.Maps("env"))
            {
                string name = variable.Str("name");
                if (name.StartsWith("Worker", StringComparison.Ordinal))
                {
                    Assert.True(Repo.WorkerSettings.Contains(Repo.WorkerSetting(name)), $"{name} sets no property of WorkerOptions");
                }

                if (variable.MapOrNull("valueFrom")?.MapOrNull("secretKeyRef") is { } reference)
                {
                    Assert.Equal("gateway-secrets", reference.Str("name"));
                    Assert.True(secret["stringData"].Has(reference.Str("key")), reference.Str("key"));
                }
            }

            if (Env(container).ContainsKey("Worker__Department"))
            {
                Assert.Equal(workerToken, SecretKey(container, "Worker__AdminToken"));
            }
        }

        var gateway = Assert.Single(Single("Deployment", "gateway")["spec"]["template"]["spec"].Maps("containers"));
        Assert.Equal(adminKey, SecretKey(gateway, adminKey));
        Assert.Equal(workerToken, SecretKey(gateway, workerToken));
    }

    [Fact]
    public void Volumes_AreMountedWhereTheSettingsPoint()
    {
        var routing = Repo.Routing;
        Single("PersistentVolumeClaim", "models");
        var gatewayPod = Single("Deployment", "gateway")["spec"]["template"]["spec"];
        var gateway = Assert.Single(gatewayPod.Maps("containers"));
        var mounts = Mounts(gatewayPod, gateway);
        Assert.Equal("configMap:gateway-routing", mounts[Path.GetDirectoryName(DockerfileTests.GatewayConfigPath)!]);
        Assert.Equal("routing.json", Path.GetFileName(DockerfileTests.GatewayConfigPath));
        Assert.Equal("pvc:models", mounts["/models"]);
        Assert.True(Repo.IsUnder(routing.Intent.Model!, "/models"));
        Assert.True(Repo.IsUnder(Path.Combine(routing.BaseDirectory, routing.Lifecycle.Registry), "/models"));

        foreach (var deployment in Manifests.Concat(GpuManifests).Where(m => Kind(m.Doc) == "Deployment" && m.Doc["metadata"].Str("name") != "gateway").Select(m => m.Doc))
        {
            var pod = deployment["spec"]["template"]["spec"];
            var container = Assert.Single(pod.Maps("containers"));
            Assert.Equal("pvc:models", Mounts(pod, container)["/models"]);
            Assert.True(Repo.IsUnder(Env(container)["Worker__Model"], "/models"));
            var seed = Assert.Single(pod.Maps("initContainers"));
            Assert.Equal(container.Str("image"), seed.Str("image"));
            Assert.Equal("pvc:models", Mounts(pod, seed)["/volume"]);
        }
    }

    [Fact]
    public void Gateway_ScalesOut_WithAnAutoscalerAndADisruptionBudget()
    {
        var gateway = Single("Deployment", "gateway");
        Assert.True(int.Parse(gateway["spec"].Str("replicas"), CultureInfo.InvariantCulture) >= 2);
        var hpa = Single("HorizontalPodAutoscaler", "gateway");
        Assert.Equal("gateway", hpa["spec"]["scaleTargetRef"].Str("name"));
        Assert.True(int.Parse(hpa["spec"].Str("minReplicas"), CultureInfo.InvariantCulture) >= 2);
        Assert.Equal("cpu", Assert.Single(hpa["spec"].Maps("metrics"))["resource"].Str("name"));
        var pdb = Single("PodDisruptionBudget", "gateway");
        Assert.Equal(gateway["spec"]["selector"].Scalars("matchLabels"), pdb["spec"]["selector"].Scalars("matchLabels"));
        var service = Single("Service", "gateway");
        Assert.Equal(gateway["spec"]["template"]["metadata"].Scalars("labels")["app.kubernetes.io/name"], service["spec"].Scalars("selector")["app.kubernetes.io/name"]);
    }

    [Fact]
    public void GpuWorkers_AskForOneGpu_AndCapTheirMemory()
    {
        var workers = GpuManifests.Where(m => Kind(m.Doc) == "Deployment").Select(m => m.Doc).ToList();
        Assert.Equal(Repo.Routing.Departments.Count, workers.Count);
        foreach (var deployment in workers)
        {
            var container = Assert.Single(deployment["spec"]["template"]["spec"].Maps("containers"));
            Assert.Equal("1", container["resources"]["requests"].Str("nvidia.com/gpu"));
            Assert.Equal("1", container["resources"]["limits"].Str("nvidia.com/gpu"));
            var env = Env(container);
            Assert.Equal("cuda:0", env["Worker__Device"]);
            Assert.True(long.Parse(env["Worker__GpuMemoryLimitBytes"], CultureInfo.InvariantCulture) > 0);
        }
    }

    private static string Kind(Map doc) => doc.Str("kind");

    private static Map Single(string kind, string name, IReadOnlyList<(string File, Map Doc)>? manifests = null) =>
        Assert.Single(manifests ?? Manifests, m => Kind(m.Doc) == kind && m.Doc["metadata"].Str("name") == name).Doc;

    private static Dictionary<string, string> Env(Map container) => container.Maps("env")
        .Where(e => e.StrOrNull("value") is not null).ToDictionary(e => e.Str("name"), e => e.Str("value"), StringComparer.Ordinal);

    private static string SecretKey(Map container, string variable) =>
        Assert.Single(container.Maps("env"), e => e.Str("name") == variable)["valueFrom"]["secretKeyRef"].Str("key");

    /// <summary>Mount path → "pvc:claim", "configMap:name" or "emptyDir".</summary>
    private static Dictionary<string, string> Mounts(Map pod, Map container)
    {
        var volumes = pod.Maps("volumes").ToDictionary(v => v.Str("name"), v =>
            v.MapOrNull("persistentVolumeClaim") is { } pvc ? "pvc:" + pvc.Str("claimName")
            : v.MapOrNull("configMap") is { } cm ? "configMap:" + cm.Str("name") : "emptyDir", StringComparer.Ordinal);
        return container.Maps("volumeMounts").ToDictionary(m => m.Str("mountPath"), m => volumes[m.Str("name")], StringComparer.Ordinal);
    }
}
