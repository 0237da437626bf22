using Gateway.Configuration;
using Gateway.Proxy;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Hosting;

/// <summary>Swaps YARP's routes and clusters whenever routing.json is reloaded successfully.</summary>
internal sealed class ProxyConfigReloader(RoutingConfigStore configs, InMemoryConfigProvider proxy) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        configs.Changed += Apply;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        configs.Changed -= Apply;
        return Task.CompletedTask;
    }

    private void Apply(RoutingConfig config)
    {
        var (routes, clusters) = YarpConfigBuilder.Build(config);
        proxy.Update(routes, clusters);
    }
}
