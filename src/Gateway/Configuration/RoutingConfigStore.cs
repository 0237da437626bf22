namespace Gateway.Configuration;

/// <summary>
/// Holds the current routing.json snapshot and reloads it when the file changes. A change that fails
/// validation is refused and logged; the previous snapshot keeps serving.
/// </summary>
public sealed partial class RoutingConfigStore : IDisposable
{
    /// <summary>Editors write in bursts: reload once the file has been quiet this long.</summary>
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly string _path;
    private readonly ILogger<RoutingConfigStore> _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _debounce;
    private RoutingConfig _current;

    public RoutingConfigStore(string path, RoutingConfig initial, ILogger<RoutingConfigStore> logger, TimeProvider clock)
    {
        _path = Path.GetFullPath(path);
        _current = initial;
        _logger = logger;
        _debounce = clock.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        FileSystemEventHandler changed = (_, _) => _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Renamed += (_, _) => _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
        _watcher.EnableRaisingEvents = true;
    }

    public RoutingConfig Current => Volatile.Read(ref _current);

    /// <summary>Raised after a valid new snapshot replaced the old one.</summary>
    public event Action<RoutingConfig>? Changed;

    /// <summary>The last reload's outcome, for tests and the admin API: null after a success.</summary>
    public string? LastRefusal { get; private set; }

    public int Generation { get; private set; }

    /// <summary>Reloads now; returns whether the new file was accepted.</summary>
    public bool Reload()
    {
        lock (_watcher)
        {
            RoutingConfig next;
            try
            {
                next = RoutingConfigLoader.Load(_path);
                if (next.Mode != Current.Mode)
                {
                    throw new RoutingConfigException("mode: changing between local and container needs a restart");
                }
            }
            catch (RoutingConfigException e)
            {
                LastRefusal = e.Message;
                Generation++;
                LogRefused(_logger, _path, e.Message);
                return false;
            }

            Volatile.Write(ref _current, next);
            LastRefusal = null;
            Generation++;
            LogReloaded(_logger, _path, next.Departments.Count, next.Keys.Count);
            Changed?.Invoke(next);
            return true;
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debounce.Dispose();
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "routing config {Path} reloaded: {Departments} departments, {Keys} keys")]
    private static partial void LogReloaded(ILogger logger, string path, int departments, int keys);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "routing config {Path} refused, the previous one keeps serving: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string reason);
}
