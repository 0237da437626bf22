using Microsoft.Extensions.Options;

namespace Gateway.Worker.Hosting;

internal static class WorkerHostingExtensions
{
    /// <summary>Binds and validates the worker's options, sets up Kestrel on the configured address, and registers the engine host.</summary>
    public static WorkerOptions AddWorkerHosting(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        options.Validate();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // no per-request entries on the hot path
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton<EngineHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EngineHost>());
        builder.Services.AddHostedService<ParentProcessWatch>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            kestrel.Listen(System.Net.IPAddress.Parse(options.Host), options.Port);
        });
        return options;
    }
}
