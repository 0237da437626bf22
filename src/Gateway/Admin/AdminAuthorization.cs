using Gateway.Auth;
using Gateway.Configuration;
using Gateway.Protocol.Errors;
using Gateway.Protocol.Security;

namespace Gateway.Admin;

/// <summary>
/// Every /admin call needs the admin key: 401 without a key or with an unknown one, 403 with an ordinary
/// API key (valid, but not for this), and 403 when routing.json configures no admin key at all.
/// </summary>
internal static class AdminAuthorization
{
    public static string Require(HttpContext context, RoutingConfig config)
    {
        string? secret = ApiKeyAuthentication.BearerToken(context.Request);
        if (secret is null)
        {
            throw new OpenAiException(401, "The admin API needs the admin key: 'Authorization: Bearer <admin key>'", code: "missing_api_key");
        }

        string hash = RoutingConfigLoader.HashKey(secret);
        if (config.AdminKeySha256 is null)
        {
            throw new OpenAiException(403, "No admin key is configured in routing.json (adminKey), so the admin API is closed", code: "admin_disabled");
        }

        if (SecretComparer.FixedTimeEquals(hash, config.AdminKeySha256))
        {
            return "admin";
        }

        if (config.Keys.FirstOrDefault(k => SecretComparer.FixedTimeEquals(hash, k.Sha256)) is { } key)
        {
            throw new OpenAiException(403, $"The API key '{key.Name}' is not the admin key", code: "not_admin");
        }

        throw new OpenAiException(401, "Incorrect admin key provided", code: "invalid_api_key");
    }
}
