using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Api;

/// <summary>Turns failures into OpenAI-shaped errors; nothing a client sends becomes a bare 500.</summary>
internal static class GatewayErrors
{
    public static async Task HandleAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is null || context.Response.HasStarted)
        {
            return;
        }

        var error = exception switch
        {
            GatewayError gateway => gateway,
            BadHttpRequestException { StatusCode: 413 } => new GatewayError(413, "the request body is larger than the gateway accepts", "request_too_large"),
            BadHttpRequestException bad => new GatewayError(bad.StatusCode, bad.Message),
            _ => new GatewayError(500, "the gateway failed to handle the request: " + exception.Message, "internal_error"),
        };
        await error.WriteAsync(context.Response);
    }

    public static Task NotFound(HttpContext context) =>
        new GatewayError(404, $"no route for {context.Request.Method} {context.Request.Path}", "not_found").WriteAsync(context.Response);
}
