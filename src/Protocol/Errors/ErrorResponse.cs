using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Protocol.Errors;

/// <summary>The body of every error the gateway, a worker or the admin API answers: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record ErrorResponse(ErrorDetail Error)
{
    /// <summary>The error of a body; null when the JSON is not an error. Throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static ErrorDetail? Parse(string json) => JsonSerializer.Deserialize(json, ErrorJsonContext.Default.ErrorResponse)?.Error;
}

/// <param name="Type">OpenAI's error type, e.g. invalid_request_error, authentication_error, server_error.</param>
/// <param name="Param">The request field at fault, when one is.</param>
/// <param name="Code">What went wrong, for programs: model_not_found, rate_limit_exceeded, …</param>
public sealed record ErrorDetail(string Message, string Type, string? Param, string? Code);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ErrorResponse))]
internal sealed partial class ErrorJsonContext : JsonSerializerContext;
