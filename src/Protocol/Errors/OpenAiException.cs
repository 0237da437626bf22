using System.Buffers;
using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using Gateway.Protocol.Streaming;
using Microsoft.AspNetCore.Http;

namespace Gateway.Protocol.Errors;

/// <summary>
/// An error for the client, in OpenAI's shape (<see cref="ErrorResponse"/>): thrown where a request cannot go
/// on, and written by the process's error handler as a response, or as an event when a stream has started.
/// The gateway, the workers and the admin API answer every error with it.
/// </summary>
/// <param name="type">OpenAI's error type; by default the one OpenAI's clients expect for the status.</param>
public sealed class OpenAiException(int status, string message, string? param = null, string? code = null, string? type = null) : Exception(message)
{
    public int Status { get; } = status;
    public string? Param { get; } = param;
    public string? Code { get; } = code;
    public string Type { get; } = type ?? TypeFor(status);

    /// <summary>Seconds for a Retry-After header (429, 503).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static OpenAiException BadRequest(string message, string? param = null, string? code = null) => new(400, message, param, code);

    /// <summary>The types OpenAI answers for these statuses; SDKs map some of them to their own exception classes.</summary>
    public static string TypeFor(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        429 => "rate_limit_error",
        >= 400 and < 500 => "invalid_request_error",
        _ => "server_error",
    };

    public ErrorResponse ToResponse() => new(new ErrorDetail(Message, Type, Param, Code));

    public void WriteBody(Utf8JsonWriter json) => JsonSerializer.Serialize(json, ToResponse(), ErrorJsonContext.Default.ErrorResponse);

    /// <summary>Answers the request with this error: its status, Retry-After when set, and the body.</summary>
    public Task WriteAsync(HttpResponse response) => WriteAsync(response, MediaTypeNames.Application.Json);

    /// <summary>The same error as one server-sent event, for a stream that already started.</summary>
    public ReadOnlyMemory<byte> ToSseEvent()
    {
        var buffer = new ArrayBufferWriter<byte>();
        ServerSentEvents.WriteEvent(buffer, WriteBody);
        return buffer.WrittenMemory;
    }

    /// <summary>The error as an endpoint's result, for handlers that answer rather than throw.</summary>
    public IResult ToResult() => new OpenAiErrorResult(this);

    private async Task WriteAsync(HttpResponse response, string contentType)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = Status;
        response.ContentType = contentType;
        if (RetryAfterSeconds is int seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        // Written to memory first: a Utf8JsonWriter on the response stream would write to it synchronously.
        var body = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(body, ProtocolJson.WriterOptions))
        {
            WriteBody(json);
        }

        await response.Body.WriteAsync(body.WrittenMemory).ConfigureAwait(false);
    }

    // An endpoint that answers with an error (rather than throwing it) has always said so in the Content-Type of
    // ASP.NET Core's JSON results, with the charset; kept, so that no answer changes.
    private sealed class OpenAiErrorResult(OpenAiException error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => error.WriteAsync(httpContext.Response, MediaTypeNames.Application.Json + "; charset=utf-8");
    }
}
