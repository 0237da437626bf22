namespace Gateway.Supervision;

/// <summary>Where the built worker is and how to restart it.</summary>
public sealed class SupervisorOptions
{
    /// <summary>Path of Gateway.Worker.dll; by default the one built beside the gateway in this checkout.</summary>
    public string? WorkerAssembly { get; set; }

    public TimeSpan FirstRestartDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Resolves the worker assembly: the configured path, or src/Worker/bin/&lt;configuration&gt;/net10.0 in the checkout.</summary>
    public string ResolveWorkerAssembly(string repositoryRoot)
    {
        if (!string.IsNullOrEmpty(WorkerAssembly))
        {
            return Path.GetFullPath(WorkerAssembly);
        }

        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var beside = Path.Combine(AppContext.BaseDirectory, "Gateway.Worker.dll");
        return File.Exists(beside) ? beside : Path.Combine(repositoryRoot, "src", "Worker", "bin", configuration, "net10.0", "Gateway.Worker.dll");
    }
}
