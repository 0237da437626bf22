using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Gateway.Protocol.Errors;

/// <summary>
/// What every process does with a failure: before the response started it becomes an OpenAI error, so
/// nothing a client sends gets a bare 500. Which exception means which error is the process's own mapping.
/// </summary>
public static class OpenAiErrorHandler
{
    /// <summary>An exception handler (for UseExceptionHandler) that answers with the error <paramref name="toError"/> maps the failure to.</summary>
    public static RequestDelegate Using(Func<Exception, OpenAiException> toError) => async context =>
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is null || context.Response.HasStarted)
        {
            return;
        }

        await toError(exception).WriteAsync(context.Response).ConfigureAwait(false);
    };

    /// <summary>The fallback endpoint: an unknown path gets a 404 in OpenAI's shape, not an empty body.</summary>
    public static Task NotFound(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new OpenAiException(404, $"no route for {context.Request.Method} {context.Request.Path}", code: "not_found").WriteAsync(context.Response);
    }
}
