using Gateway.Configuration;
using Gateway.Protocol.Http;

namespace Gateway.Auth;

/// <summary>Authenticates every /v1 call before rate limiting and routing; health and metrics stay open.</summary>
public sealed class ApiKeyMiddleware(RoutingConfigStore configs) : IMiddleware
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(ApiRoutes.OpenAiPrefix))
        {
            ApiKeyAuthentication.Authenticate(context, configs.Current);
        }

        return next(context);
    }
}
