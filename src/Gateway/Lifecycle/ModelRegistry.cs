using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Lifecycle;

/// <summary>
/// Versions per department, which is active and which is canary, with an append-only audit log. Both
/// live beside the models (registry.json is replaced atomically: write, flush, rename), so they survive
/// restarts and a crash never leaves half a file.
/// </summary>
public sealed class ModelRegistry
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // One entry per line in the audit log, so it cannot be indented.
    private static readonly JsonSerializerOptions AuditJson = new(Json) { WriteIndented = false };

    private readonly Lock _gate = new();
    private readonly string _statePath;
    private readonly string _auditPath;
    private readonly TimeProvider _clock;
    private readonly RegistryState _state;

    public ModelRegistry(string directory, TimeProvider? clock = null)
    {
        Directory.CreateDirectory(directory);
        _statePath = Path.Combine(directory, "registry.json");
        _auditPath = Path.Combine(directory, "audit.jsonl");
        _clock = clock ?? TimeProvider.System;
        _state = File.Exists(_statePath)
            ? JsonSerializer.Deserialize<RegistryState>(File.ReadAllText(_statePath), Json) ?? new RegistryState()
            : new RegistryState();
    }

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>A deep copy of the current state, safe to read while others change it.</summary>
    public RegistryState Snapshot()
    {
        lock (_gate)
        {
            return JsonSerializer.Deserialize<RegistryState>(JsonSerializer.Serialize(_state, Json), Json)!;
        }
    }

    public DepartmentVersions? Department(string department) => Snapshot().Departments.GetValueOrDefault(department);

    /// <summary>Changes the state under the registry's lock and persists it before returning.</summary>
    public T Update<T>(Func<RegistryState, T> change)
    {
        lock (_gate)
        {
            T result = change(_state);
            string temporary = _statePath + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, _state, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, _statePath, overwrite: true);
            return result;
        }
    }

    public void Audit(string actor, string action, string department, string? version, string result, string? detail = null)
    {
        var entry = new AuditEntry(_clock.GetUtcNow(), actor, action, department, version, result, detail);
        lock (_gate)
        {
            using var stream = new FileStream(_auditPath, FileMode.Append, FileAccess.Write, FileShare.Read);
            using var writer = new StreamWriter(stream);
            writer.WriteLine(JsonSerializer.Serialize(entry, AuditJson));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
    }

    public IReadOnlyList<AuditEntry> ReadAudit()
    {
        lock (_gate)
        {
            return File.Exists(_auditPath)
                ? File.ReadAllLines(_auditPath).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<AuditEntry>(l, AuditJson)!).ToList()
                : [];
        }
    }
}
