using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Lifecycle;
using Gateway.Proxy;
using Gateway.Routing;
using Gateway.Supervision;
using Gateway.Telemetry;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Hosting;

/// <summary>Wires the gateway: routing.json (validated, reloaded), YARP, routing, keys and limits, supervision, telemetry.</summary>
public static class GatewayHosting
{
    public static readonly Dictionary<string, string> CommandLineSwitches = new(StringComparer.Ordinal)
    {
        ["--config"] = "Gateway:Config",
        ["--listen"] = "Gateway:Listen",
        ["--worker-assembly"] = "Supervisor:WorkerAssembly",
    };

    /// <summary>
    /// routing.json in the current folder, else the nearest one above it or above the built gateway
    /// (dotnet run starts the app in the project folder, src/Gateway, not where the command was typed).
    /// </summary>
    public static string FindDefaultConfig()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "routing.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return "routing.json";
    }

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        string path = builder.Configuration["Gateway:Config"] ?? FindDefaultConfig();
        var initial = RoutingConfigLoader.Load(path);
        string listen = builder.Configuration["Gateway:Listen"] ?? initial.Listen;
        builder.WebHost.UseUrls(listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null); // the gateway bounds bodies itself (413 in OpenAI's shape)

        // Start-up probes fail until the workers listen, and HttpClient logs every probe: keep the console readable.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
            .AddFilter("Yarp.ReverseProxy.Health", LogLevel.Error)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Yarp", LogLevel.Warning); // per-request entries cost CPU at thousands of requests a second

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new RoutingConfigStore(path, initial, sp.GetRequiredService<ILogger<RoutingConfigStore>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IntentClassifierHost>();
        services.AddSingleton<DepartmentRouter>();
        services.AddSingleton<DepartmentProxyMiddleware>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<ApiKeyMiddleware>();
        services.AddHttpClient("worker-probe", c => c.Timeout = TimeSpan.FromSeconds(2));
        services.AddSingleton<WorkerStatusTracker>();
        services.AddHttpClient("worker-admin", c => c.Timeout = TimeSpan.FromMinutes(5)); // loading a big model takes a while
        services.AddSingleton(sp => new ModelRegistry(Path.Combine(initial.BaseDirectory, initial.Lifecycle.Registry), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WorkerTokens>();
        services.AddSingleton<WorkerModelClient>();
        services.AddSingleton<ModelLifecycle>();
        services.AddSingleton<IActiveVersions>(s => s.GetRequiredService<ModelLifecycle>());
        services.AddSingleton<CanaryManager>();
        services.AddSingleton<Admin.PackageUploads>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerStatusTracker>());
        services.AddSupervisorOptions(builder.Configuration);
        services.AddSingleton<LocalWorkerSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalWorkerSupervisor>());
        services.AddHostedService<IntentModelLoader>();
        services.AddHostedService<ReadyBanner>();
        services.AddKeyRateLimits();

        var (routes, clusters) = YarpConfigBuilder.Build(initial);
        services.AddSingleton(new InMemoryConfigProvider(routes, clusters));
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<InMemoryConfigProvider>());
        services.AddReverseProxy();
        services.AddHostedService<ProxyConfigReloader>();
        builder.AddGatewayTelemetry();
        return builder;
    }
}
