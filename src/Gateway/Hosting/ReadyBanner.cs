using Gateway.Configuration;
using Gateway.Supervision;

namespace Gateway.Hosting;

/// <summary>Prints what is being served once every department has a ready worker: departments, versions, URLs.</summary>
internal sealed class ReadyBanner(RoutingConfigStore configs, WorkerStatusTracker workers, TimeProvider clock, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = configs.Current;
        if (config.IsOpen)
        {
            Console.WriteLine("WARNING: routing.json has no API keys: the gateway is OPEN to anyone who can reach it (local mode).");
        }

        var started = clock.GetTimestamp();
        while (!workers.AllDepartmentsReady())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, stoppingToken).ConfigureAwait(false);
        }

        await Task.Yield();
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"gateway ready on {config.Listen} in {seconds:F1} s ({(config.IsLocal ? "local mode" : "container mode")})");
        foreach (var (department, settings) in configs.Current.Departments)
        {
            string urls = string.Join(", ", settings.Workers.Select(w => w.BaseAddress.ToString().TrimEnd('/')));
            Console.WriteLine($"  {department,-10} version {workers.VersionOf(department) ?? "?",-10} aliases [{string.Join(", ", settings.Aliases)}]  workers {urls}");
        }

        Console.WriteLine($"  try: curl -s {config.Listen}/v1/chat/completions -H 'content-type: application/json' -d '{{\"model\":\"auto\",\"messages\":[{{\"role\":\"user\",\"content\":\"My VPN keeps dropping\"}}]}}'");
        _ = lifetime;
    }
}
