using Gateway.Configuration;
using Gateway.Protocol.Errors;
using Gateway.Protocol.Security;

namespace Gateway.Auth;

/// <summary>
/// Bearer keys from routing.json (stored as sha256). With no keys configured the gateway is open
/// (local mode, said loudly at start). The caller's key is kept on the request for routing and limits.
/// </summary>
public static class ApiKeyAuthentication
{
    private const string ItemKey = "gateway.api-key";

    public static ApiKeyConfig? KeyOf(HttpContext context) => context.Items[ItemKey] as ApiKeyConfig;

    /// <summary>Identifies the caller; throws a 401 <see cref="OpenAiException"/> when the key is missing or unknown.</summary>
    public static void Authenticate(HttpContext context, RoutingConfig config)
    {
        if (config.IsOpen)
        {
            return;
        }

        string? secret = BearerToken(context.Request);
        if (secret is null)
        {
            throw new OpenAiException(401, "Missing API key: send it as 'Authorization: Bearer <key>'", code: "missing_api_key");
        }

        string hash = RoutingConfigLoader.HashKey(secret);
        var key = config.Keys.FirstOrDefault(k => SecretComparer.FixedTimeEquals(hash, k.Sha256));
        context.Items[ItemKey] = key ?? throw new OpenAiException(401, "Incorrect API key provided", code: "invalid_api_key");
    }

    public static string? BearerToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7
            ? header[7..].Trim()
            : null;
    }
}
