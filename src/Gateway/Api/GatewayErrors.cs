using Gateway.Protocol.Errors;

namespace Gateway.Api;

/// <summary>The gateway's failures as OpenAI-shaped errors; nothing a client sends becomes a bare 500.</summary>
internal static class GatewayErrors
{
    public static OpenAiException FromException(Exception exception) => exception switch
    {
        OpenAiException error => error,
        BadHttpRequestException { StatusCode: 413 } => new OpenAiException(413, "the request body is larger than the gateway accepts", code: "request_too_large"),
        BadHttpRequestException bad => new OpenAiException(bad.StatusCode, bad.Message),
        _ => new OpenAiException(500, "the gateway failed to handle the request: " + exception.Message, code: "internal_error"),
    };
}
