namespace Gateway.Worker.OpenAi;

/// <summary>An error a client caused or must handle, carried to the response in OpenAI's shape.</summary>
public sealed class OpenAiException(int status, string message, string? param = null, string? code = null, string? type = null) : Exception(message)
{
    public int Status { get; } = status;
    public string? Param { get; } = param;
    public string? Code { get; } = code;

    /// <summary>OpenAI's error type: invalid_request_error for 4xx, server_error otherwise.</summary>
    public string Type { get; } = type ?? (status is >= 400 and < 500 ? "invalid_request_error" : "server_error");

    /// <summary>Seconds for a Retry-After header (429, 503).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static OpenAiException BadRequest(string message, string? param = null, string? code = null) => new(400, message, param, code);
}
