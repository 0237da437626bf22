using System.Text.Json;
using Gateway.Configuration;
using Gateway.Inference.Models;
using Gateway.Worker.Hosting;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Gateway.Deployment.Tests;

/// <summary>The deployment files of the repository, parsed, and the apps' real settings they must agree with.</summary>
internal static class Repo
{
    public const string AdminKeyVariable = "GATEWAY_ADMIN_KEY";
    public const string WorkerTokenVariable = "GATEWAY_WORKER_TOKEN";
    public const int ContainerPort = 8080;

    public static string Root => RepositoryRoot.Path;

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string RoutingText => System.IO.File.ReadAllText(File("deploy", "routing.container.json"));

    /// <summary>The container routing file through the gateway's own loader, with its two secrets supplied.</summary>
    public static RoutingConfig Routing => RoutingConfigLoader.Parse(RoutingText, "/config", Environment);

    public static string? Environment(string name) => name switch
    {
        AdminKeyVariable => "test-admin-key",
        WorkerTokenVariable => "test-worker-token",
        _ => null,
    };

    /// <summary>The variable names routing.json takes its secrets from ("adminKey": {"env"}, "lifecycle.workerToken": {"env"}).</summary>
    public static (string AdminKey, string WorkerToken) SecretVariables()
    {
        using var json = JsonDocument.Parse(RoutingText, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = json.RootElement;
        return (root.GetProperty("adminKey").GetProperty("env").GetString()!,
            root.GetProperty("lifecycle").GetProperty("workerToken").GetProperty("env").GetString()!);
    }

    public static Map Compose => LoadYaml(File("docker-compose.yml")).Single();

    /// <summary>Every document of every manifest in deploy/k8s (and deploy/k8s/gpu when asked), with its file.</summary>
    public static IReadOnlyList<(string File, Map Doc)> Kubernetes(bool gpu = false)
    {
        string folder = gpu ? File("deploy", "k8s", "gpu") : File("deploy", "k8s");
        return Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => LoadYaml(f).Select(d => (Path.GetFileName(f), d))).ToList();
    }

    public static List<Map> LoadYaml(string path)
    {
        using var reader = new StreamReader(path);
        var parser = new Parser(reader);
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<Map>();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize<object>(parser) is Dictionary<object, object> doc)
            {
                documents.Add(new Map(doc, Path.GetFileName(path)));
            }
        }

        return documents;
    }

    /// <summary>
    /// The settings a Worker__X variable can set: the public settable properties of the real WorkerOptions, and those of
    /// its engine settings, which the worker binds from the same section (Worker__MaxBatchSize, not Worker__Engine__…).
    /// </summary>
    public static ISet<string> WorkerSettings { get; } = typeof(WorkerOptions).GetProperties()
        .Where(p => p.CanWrite && p.Name != nameof(WorkerOptions.Engine))
        .Concat(typeof(EngineSettings).GetProperties().Where(p => p.CanWrite))
        .Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Worker__X → X, after checking the prefix is the options section.</summary>
    public static string WorkerSetting(string variable)
    {
        Assert.StartsWith(WorkerOptions.Section + "__", variable, StringComparison.Ordinal);
        return variable[(WorkerOptions.Section.Length + 2)..];
    }

    /// <summary>Whether <paramref name="path"/> lies in the folder a volume is mounted at.</summary>
    public static bool IsUnder(string path, string mount) =>
        path == mount || path.StartsWith(mount.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>The repository path a container path under /models or /data comes from (the images bake models/ and data/).</summary>
    public static string RepositoryPathOf(string containerPath) => File(containerPath.TrimStart('/').Split('/'));
}

/// <summary>A YAML mapping with typed, failing-with-the-path lookups.</summary>
internal sealed class Map(Dictionary<object, object> values, string path)
{
    public string Path { get; } = path;

    public bool Has(string key) => values.ContainsKey(key);

    public Map this[string key] => Get(key) as Dictionary<object, object> is { } d ? new Map(d, $"{Path}.{key}") : throw Missing(key, "a mapping");

    public Map? MapOrNull(string key) => Get(key) is Dictionary<object, object> d ? new Map(d, $"{Path}.{key}") : null;

    public string Str(string key) => Get(key) is string s ? s : throw Missing(key, "a scalar");

    public string? StrOrNull(string key) => Get(key) as string;

    public IReadOnlyList<object> List(string key) => Get(key) as List<object> ?? throw Missing(key, "a list");

    public IReadOnlyList<Map> Maps(string key) => List(key).Select((o, i) => new Map((Dictionary<object, object>)o, $"{Path}.{key}[{i}]")).ToList();

    public IReadOnlyList<string> Strs(string key) => Get(key) is List<object> l ? l.Cast<string>().ToList() : [];

    public IEnumerable<string> Keys => values.Keys.Cast<string>();

    public IEnumerable<(string Key, Map Value)> Entries => values.Select(kv => ((string)kv.Key, new Map((Dictionary<object, object>)kv.Value, $"{Path}.{kv.Key}")));

    public Dictionary<string, string> Scalars(string key) => MapOrNull(key) is { } m
        ? m.Values.Where(kv => kv.Value is string).ToDictionary(kv => (string)kv.Key, kv => (string)kv.Value, StringComparer.Ordinal)
        : new Dictionary<string, string>(StringComparer.Ordinal);

    private Dictionary<object, object> Values => values;

    private object? Get(string key) => values.TryGetValue(key, out var v) ? v : null;

    private InvalidOperationException Missing(string key, string what) => new($"{Path}.{key} is not {what}");
}
