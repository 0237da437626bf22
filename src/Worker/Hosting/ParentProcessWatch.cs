using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.Hosting;

/// <summary>Stops the worker when the gateway that started it is gone, so a killed gateway leaves no orphans.</summary>
internal sealed partial class ParentProcessWatch(
    IOptions<WorkerOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatch> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ParentProcessId is not int parent)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!IsAlive(parent))
            {
                LogParentGone(logger, parent);
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "the supervising process {Pid} is gone; stopping")]
    private static partial void LogParentGone(ILogger logger, int pid);
}
