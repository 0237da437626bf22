using Gateway.Configuration;
using Gateway.Protocol.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Gateway.Proxy;

/// <summary>
/// One YARP cluster per department, its workers as destinations, with active health checks on
/// the workers' readiness route and passive ones on transport failures. A single route carries the OpenAI generation
/// endpoints; <see cref="DepartmentProxyMiddleware"/> assigns each request its department's cluster.
/// </summary>
public static class YarpConfigBuilder
{
    public const string GenerationRoute = "openai-generation";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(
        RoutingConfig config, IReadOnlyDictionary<string, Uri>? canaries = null)
    {
        var workers = config.Departments.Select(d => (Id: d.Key, Addresses: d.Value.Workers.Select(w => w.BaseAddress).ToList()))
            .Concat((canaries ?? new Dictionary<string, Uri>()).Select(c => (Id: Lifecycle.CanaryManager.ClusterId(c.Key), Addresses: new List<Uri> { c.Value })));
        var clusters = workers.Select(d => new ClusterConfig
        {
            ClusterId = d.Id,
            LoadBalancingPolicy = "PowerOfTwoChoices",
            Destinations = d.Addresses.Select((address, i) => (Id: $"{d.Id}-{i}", Address: address))
                .ToDictionary(x => x.Id, x => new DestinationConfig { Address = x.Address.ToString() }),
            HealthCheck = new Yarp.ReverseProxy.Configuration.HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true, Interval = config.HealthChecks.Interval, Timeout = config.HealthChecks.Timeout,
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures, Path = ApiRoutes.Ready,
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true, Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate, ReactivationPeriod = config.HealthChecks.Interval,
                },
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            },
            HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) },
        }).ToList();

        var routes = new[] { ApiRoutes.ChatCompletions, ApiRoutes.Completions }.Select(path => new RouteConfig
        {
            RouteId = $"{GenerationRoute}{path.Replace('/', '-')}",
            ClusterId = config.Intent.Fallback, // replaced per request by the department decision
            Match = new RouteMatch { Path = path, Methods = ["POST"] },
        }).ToList();
        return (routes, clusters);
    }
}
