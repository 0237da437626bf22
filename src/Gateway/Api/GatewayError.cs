using System.Buffers;
using System.Text.Json;

namespace Gateway.Api;

/// <summary>An error for the client, written in OpenAI's shape {"error":{"message","type","param","code"}}.</summary>
public sealed class GatewayError(int status, string message, string? code = null, string? param = null) : Exception(message)
{
    public int Status { get; } = status;
    public string? Code { get; } = code;
    public string? Param { get; } = param;
    public int? RetryAfterSeconds { get; init; }
    public string Type => Status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "invalid_request_error",
        429 => "rate_limit_error",
        >= 400 and < 500 => "invalid_request_error",
        _ => "server_error",
    };

    private static readonly JsonWriterOptions Output = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void WriteBody(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", Message);
        json.WriteString("type", Type);
        json.WriteString("param", Param);
        json.WriteString("code", Code);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public async Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = "application/json";
        if (RetryAfterSeconds is int seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var json = new Utf8JsonWriter(response.Body, Output);
        WriteBody(json);
    }

    /// <summary>The same error as one server-sent event, for a stream that already started.</summary>
    public byte[] ToSseEvent()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        buffer.Write("data: "u8.ToArray());
        using (var json = new Utf8JsonWriter(buffer, Output))
        {
            WriteBody(json);
        }

        buffer.Write("\n\n"u8.ToArray());
        return buffer.WrittenSpan.ToArray();
    }
}
