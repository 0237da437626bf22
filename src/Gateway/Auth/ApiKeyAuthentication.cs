using Gateway.Api;
using Gateway.Configuration;

namespace Gateway.Auth;

/// <summary>
/// Bearer keys from routing.json (stored as sha256). With no keys configured the gateway is open
/// (local mode, said loudly at start). The caller's key is kept on the request for routing and limits.
/// </summary>
public static class ApiKeyAuthentication
{
    private const string ItemKey = "gateway.api-key";

    public static ApiKeyConfig? KeyOf(HttpContext context) => context.Items[ItemKey] as ApiKeyConfig;

    /// <summary>Identifies the caller; throws a 401 <see cref="GatewayError"/> when the key is missing or unknown.</summary>
    public static void Authenticate(HttpContext context, RoutingConfig config)
    {
        if (config.IsOpen)
        {
            return;
        }

        string? secret = BearerToken(context.Request);
        if (secret is null)
        {
            throw new GatewayError(401, "Missing API key: send it as 'Authorization: Bearer <key>'", "missing_api_key");
        }

        string hash = RoutingConfigLoader.HashKey(secret);
        var key = config.Keys.FirstOrDefault(k => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(k.Sha256), System.Text.Encoding.ASCII.GetBytes(hash)));
        context.Items[ItemKey] = key ?? throw new GatewayError(401, "Incorrect API key provided", "invalid_api_key");
    }

    public static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7
            ? header[7..].Trim()
            : null;
    }
}
