using Gateway.Protocol.Http;

namespace Gateway.Proxy;

/// <summary>The x-request-id of a request: the client's, when it sent a sane one, else a new one.</summary>
public static class RequestIds
{
    private const string ItemKey = "gateway.request-id";

    public static string Of(HttpContext context)
    {
        if (context.Items[ItemKey] is string id)
        {
            return id;
        }

        string? sent = context.Request.Headers[ProtocolHeaders.RequestId];
        id = sent is { Length: > 0 and <= 128 } && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? sent
            : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        return id;
    }
}
