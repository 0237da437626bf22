using System.Threading.RateLimiting;
using Gateway.Protocol.Errors;

namespace Gateway.Auth;

/// <summary>Per-key requests-per-minute with ASP.NET Core rate limiting; 429 with Retry-After in OpenAI's shape.</summary>
public static class KeyRateLimits
{
    public static IServiceCollection AddKeyRateLimits(this IServiceCollection services) => services.AddRateLimiter(options =>
    {
        // The partition includes the limit, so a reloaded routing.json with a new limit takes effect at once.
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            ApiKeyAuthentication.KeyOf(context) is { } key
                ? RateLimitPartition.GetFixedWindowLimiter($"{key.Sha256}:{key.RequestsPerMinute}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = key.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("open"));
        options.OnRejected = async (rejected, _) =>
        {
            int retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
            string name = ApiKeyAuthentication.KeyOf(rejected.HttpContext)?.Name ?? "this key";
            await new OpenAiException(429, $"Rate limit reached for {name}: retry after {retryAfter} s", code: "rate_limit_exceeded") { RetryAfterSeconds = retryAfter }
                .WriteAsync(rejected.HttpContext.Response);
        };
    });
}
