using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.ModelKit.Runtime;

namespace Gateway.Configuration;

/// <summary>
/// Reads and validates routing.json. Every problem names the field's path
/// (e.g. <c>departments.hr.workers[0].port</c>); the first one found is thrown as <see cref="RoutingConfigException"/>.
/// A field left out gets the default its record declares.
/// </summary>
public static class RoutingConfigLoader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static RoutingConfig Load(string path, Func<string, string?>? environment = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new RoutingConfigException($"{path}: cannot be read ({e.Message})");
        }

        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!, environment ?? Environment.GetEnvironmentVariable);
    }

    public static RoutingConfig Parse(string json, string baseDirectory, Func<string, string?> environment)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new RoutingConfigException($"routing.json is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = new ConfigNode(document.RootElement, "");
            string mode = root.OptionalString("mode") ?? RoutingConfig.DefaultMode;
            if (mode is not ("local" or "container"))
            {
                throw root.Child("mode").Error("must be \"local\" or \"container\"");
            }

            var departments = ReadDepartments(root.Required("departments"), mode, baseDirectory);
            var config = new RoutingConfig
            {
                Listen = root.OptionalString("listen") ?? RoutingConfig.DefaultListen,
                Mode = mode,
                MaxRequestBytes = root.OptionalLong("maxRequestBytes") ?? RoutingConfig.DefaultMaxRequestBytes,
                Departments = departments,
                Intent = ReadIntent(root.Required("intent"), departments),
                Keys = ReadKeys(root.Optional("keys"), departments),
                AdminKeySha256 = ReadAdminKey(root.Optional("adminKey"), environment),
                HealthChecks = ReadHealthChecks(root.Optional("healthChecks")),
                Lifecycle = ReadLifecycle(root.Optional("lifecycle"), environment),
                BaseDirectory = baseDirectory,
            };
            CheckPorts(config);
            return config;
        }
    }

    /// <summary>The sha256 (lower-case hex) routing.json stores for a key's secret.</summary>
    public static string HashKey(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static Dictionary<string, DepartmentConfig> ReadDepartments(ConfigNode node, string mode, string baseDirectory)
    {
        var departments = new Dictionary<string, DepartmentConfig>(StringComparer.Ordinal);
        foreach (var (name, department) in node.Properties())
        {
            if (!IsPlainName(name) || name == "auto")
            {
                throw department.Error("department names must be lower-case letters, digits, '-' or '_' (and not \"auto\")");
            }

            var workers = department.Required("workers").Items().Select(w => ReadWorker(w, mode)).ToList();
            if (workers.Count == 0)
            {
                throw department.Child("workers").Error("must list at least one worker");
            }

            string? model = department.OptionalString("model");
            if (mode == "local" && model is null)
            {
                throw department.Child("model").Error("is required in local mode (the package folder the worker serves)");
            }

            departments[name] = new DepartmentConfig
            {
                Model = model,
                Aliases = department.Optional("aliases")?.Items().Select(a => a.String()).ToList() ?? [],
                Workers = workers,
                Grounding = GroundingConfigReader.Read(department.Optional("grounding"), mode, baseDirectory),
            };
        }

        if (departments.Count == 0)
        {
            throw node.Error("must define at least one department");
        }

        CheckAliases(node, departments);
        return departments;
    }

    private static WorkerConfig ReadWorker(ConfigNode node, string mode)
    {
        var worker = new WorkerConfig
        {
            Port = node.OptionalInt("port"),
            Address = node.OptionalString("address"),
            Device = node.OptionalString("device"),
            GpuMemoryLimitBytes = node.OptionalLong("gpuMemoryLimitBytes"),
            MaxBatchSize = node.OptionalInt("maxBatchSize"),
            Threads = node.OptionalInt("threads"),
        };
        if (mode == "local" && worker.Port is not (> 0 and <= 65535))
        {
            throw node.Child("port").Error("must be a port number 1..65535 (local mode starts the worker there)");
        }

        if (mode == "container" && !Uri.TryCreate(worker.Address, UriKind.Absolute, out _))
        {
            throw node.Child("address").Error("must be an absolute URL such as http://hr-worker:8080 in container mode");
        }

        // Refused here, not by a worker that would fail at every restart: the bound is the engine's (the model kit's).
        if (worker.MaxBatchSize is < 1 or > DecoderBatch.MaxSize)
        {
            throw node.Child("maxBatchSize").Error($"must be 1..{DecoderBatch.MaxSize}");
        }

        return worker;
    }

    private static IntentConfig ReadIntent(ConfigNode node, IReadOnlyDictionary<string, DepartmentConfig> departments)
    {
        string fallback = node.Required("fallback").String();
        if (!departments.ContainsKey(fallback))
        {
            throw node.Child("fallback").Error($"names no department (have: {string.Join(", ", departments.Keys)})");
        }

        double threshold = node.OptionalDouble("threshold") ?? IntentConfig.DefaultThreshold;
        if (threshold is < 0 or > 1)
        {
            throw node.Child("threshold").Error("must be between 0 and 1");
        }

        return new IntentConfig { Model = node.OptionalString("model"), Threshold = threshold, Fallback = fallback };
    }

    private static List<ApiKeyConfig> ReadKeys(ConfigNode? node, IReadOnlyDictionary<string, DepartmentConfig> departments)
    {
        var keys = new List<ApiKeyConfig>();
        foreach (var item in node?.Items() ?? [])
        {
            string hash = item.Required("sha256").String().ToLowerInvariant();
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            {
                throw item.Child("sha256").Error("must be the 64-hex-digit sha256 of the key (gw keys hash <secret>)");
            }

            var pinned = item.Optional("departments")?.Items().Select(d => (Node: d, Name: d.String())).ToList() ?? [];
            foreach (var (dep, name) in pinned.Where(p => !departments.ContainsKey(p.Name)))
            {
                throw dep.Error($"names no department '{name}'");
            }

            int rpm = item.OptionalInt("requestsPerMinute") ?? ApiKeyConfig.DefaultRequestsPerMinute;
            if (rpm < 1)
            {
                throw item.Child("requestsPerMinute").Error("must be at least 1");
            }

            keys.Add(new ApiKeyConfig { Name = item.Required("name").String(), Sha256 = hash, Departments = pinned.Select(p => p.Name).ToList(), RequestsPerMinute = rpm });
        }

        var duplicate = keys.GroupBy(k => k.Sha256).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RoutingConfigException($"keys: two keys share one sha256 ({string.Join(", ", duplicate.Select(k => k.Name))})");
        }

        return keys;
    }

    private static string? ReadAdminKey(ConfigNode? node, Func<string, string?> environment)
    {
        if (node is null)
        {
            return null;
        }

        if (node.OptionalString("env") is { } variable)
        {
            string? secret = environment(variable);
            return string.IsNullOrEmpty(secret) ? throw node.Child("env").Error($"names the variable {variable}, which is not set") : HashKey(secret);
        }

        string hash = node.Required("sha256").String().ToLowerInvariant();
        return hash.Length == 64 && hash.All(char.IsAsciiHexDigit) ? hash : throw node.Child("sha256").Error("must be a 64-hex-digit sha256");
    }

    private static LifecycleConfig ReadLifecycle(ConfigNode? node, Func<string, string?> environment)
    {
        if (node is null)
        {
            return new LifecycleConfig();
        }

        double drop = node.OptionalDouble("maxRecallDrop") ?? LifecycleConfig.DefaultMaxRecallDrop;
        if (drop is < 0 or > 1)
        {
            throw node.Child("maxRecallDrop").Error("must be between 0 and 1");
        }

        string? token = node.Optional("workerToken")?.OptionalString("env") is { } variable
            ? environment(variable) ?? throw node.Child("workerToken").Child("env").Error($"names the variable {variable}, which is not set")
            : null;
        return new LifecycleConfig
        {
            Registry = node.OptionalString("registry") ?? LifecycleConfig.DefaultRegistry,
            MaxRecallDrop = drop,
            RequireEval = node.Optional("requireEval") is { } r && r.Bool(),
            WorkerToken = token,
        };
    }

    private static HealthCheckConfig ReadHealthChecks(ConfigNode? node) => node is null ? new HealthCheckConfig() : new HealthCheckConfig
    {
        Interval = node.OptionalDouble("intervalSeconds") is { } interval ? TimeSpan.FromSeconds(interval) : HealthCheckConfig.DefaultInterval,
        Timeout = node.OptionalDouble("timeoutSeconds") is { } timeout ? TimeSpan.FromSeconds(timeout) : HealthCheckConfig.DefaultTimeout,
    };

    private static void CheckAliases(ConfigNode node, Dictionary<string, DepartmentConfig> departments)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (department, config) in departments)
        {
            foreach (string name in config.Aliases.Prepend(department))
            {
                if (name == "auto" || !seen.TryAdd(name, department) && seen[name] != department)
                {
                    throw node.Child(department).Child("aliases").Error($"'{name}' is already used by '{seen.GetValueOrDefault(name, "auto")}'");
                }
            }
        }
    }

    private static void CheckPorts(RoutingConfig config)
    {
        var clash = config.Departments.SelectMany(d => d.Value.Workers.Select((w, i) => (Department: d.Key, Index: i, w.Port)))
            .Where(w => w.Port is not null).GroupBy(w => w.Port).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            var second = clash.Skip(1).First();
            throw new RoutingConfigException($"departments.{second.Department}.workers[{second.Index}].port: {clash.Key} is used by another worker too");
        }
    }

    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}

public sealed class RoutingConfigException(string message) : Exception(message);
