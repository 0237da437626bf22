using System.Net;
using Gateway.Inference.Models;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.Hosting;

public static class WorkerHostingExtensions
{
    /// <summary>
    /// Reads the worker's settings (its command line with the short switches, <c>Worker__*</c> variables, appsettings) into
    /// options validated at start, listens where they say, and registers the clock and the engine host.
    /// </summary>
    public static WebApplicationBuilder AddWorkerHosting(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddWorkerCommandLine(args);
        builder.Services.AddWorkerOptions(builder.Configuration);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning); // no per-request entries on the hot path
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<EngineHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EngineHost>());
        builder.Services.AddHostedService<ParentProcessWatch>();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<WorkerOptions>>((kestrel, worker) =>
        {
            kestrel.Limits.MaxRequestBodySize = worker.Value.MaxRequestBytes;
            kestrel.Listen(IPAddress.Parse(worker.Value.Host), worker.Value.Port);
        });
        return builder;
    }

    /// <summary>The command line, with the short switches (<c>--max-batch 4</c>) read as their <c>Worker:X</c> keys.</summary>
    public static IConfigurationBuilder AddWorkerCommandLine(this IConfigurationBuilder configuration, string[] args) =>
        configuration.AddCommandLine(args, WorkerOptions.CommandLineSwitches);

    /// <summary>
    /// Binds <see cref="WorkerOptions"/> from the "Worker" section, the engine's settings from the same section into
    /// <see cref="WorkerOptions.Engine"/>, and validates both when the host starts (or when they are first read).
    /// </summary>
    public static OptionsBuilder<WorkerOptions> AddWorkerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WorkerOptions.Section);
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        return services.AddOptions<WorkerOptions>()
            .Bind(section)
            // Flat, not Worker:Engine:*: Worker__MaxBatchSize and Worker__Device are what compose, k8s and the Dockerfiles set.
            .Configure(options => options.Engine = section.Get<EngineSettings>() ?? new EngineSettings())
            .ValidateOnStart();
    }
}
