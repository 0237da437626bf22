using System.Security.Cryptography;

namespace Gateway.Configuration;

/// <summary>
/// The secret the gateway shows its workers' internal model endpoints. Local mode makes a fresh one per
/// gateway process and hands it to the workers it starts; container mode takes it from routing.json.
/// </summary>
public sealed class WorkerTokens(RoutingConfigStore configs)
{
    private readonly string _local = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string? Current => configs.Current.IsLocal ? _local : configs.Current.Lifecycle.WorkerToken;
}
