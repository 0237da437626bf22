using Microsoft.Extensions.Options;

namespace Gateway.Supervision;

/// <summary>Where the built worker is and how to restart it; the "Supervisor" section, checked at start.</summary>
public sealed class SupervisorOptions
{
    public const string Section = "Supervisor";

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

public static class SupervisorOptionsExtensions
{
    /// <summary>Binds the "Supervisor" section; restart delays that Polly cannot use fail the gateway's start, naming the setting.</summary>
    public static OptionsBuilder<SupervisorOptions> AddSupervisorOptions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<SupervisorOptions>()
            .Bind(configuration.GetSection(SupervisorOptions.Section))
            .Validate(o => o.FirstRestartDelay > TimeSpan.Zero, $"{SupervisorOptions.Section}:{nameof(SupervisorOptions.FirstRestartDelay)} must be positive")
            .Validate(o => o.MaxRestartDelay >= o.FirstRestartDelay,
                $"{SupervisorOptions.Section}:{nameof(SupervisorOptions.MaxRestartDelay)} must be at least {SupervisorOptions.Section}:{nameof(SupervisorOptions.FirstRestartDelay)}")
            .ValidateOnStart();
}
