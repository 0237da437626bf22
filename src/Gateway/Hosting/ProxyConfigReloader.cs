using Gateway.Configuration;
using Gateway.Proxy;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Hosting;

/// <summary>Swaps YARP's routes and clusters whenever routing.json is reloaded successfully.</summary>
internal sealed class ProxyConfigReloader(RoutingConfigStore configs, InMemoryConfigProvider proxy, Lifecycle.CanaryManager canaries) : IHostedService
{
    private readonly Lock _gate = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        configs.Changed += Apply;
        canaries.Changed += ApplyCurrent;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        configs.Changed -= Apply;
        canaries.Changed -= ApplyCurrent;
        return Task.CompletedTask;
    }

    private void ApplyCurrent() => Apply(configs.Current);

    private void Apply(RoutingConfig config)
    {
        lock (_gate)
        {
            var (routes, clusters) = YarpConfigBuilder.Build(config, canaries.Destinations());
            proxy.Update(routes, clusters);
        }
    }
}
