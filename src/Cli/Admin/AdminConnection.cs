using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Cli.Admin;

/// <summary>One admin API call: the gateway's answer, or the server's error message when it is not a 2xx.</summary>
internal sealed record AdminAnswer(int Status, string Text)
{
    public JsonElement Json => Text.Length == 0 ? default : JsonDocument.Parse(Text).RootElement.Clone();
}

/// <summary>A failed call: the server's error message (or why it could not be reached), reported with exit code 1.</summary>
internal sealed class AdminCallException(string message) : Exception(message);

/// <summary>Calls the gateway's /admin API with the admin key as a bearer token.</summary>
internal sealed class AdminConnection(Uri gateway, string? adminKey) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };

    public Uri Gateway { get; } = gateway;

    public Task<AdminAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<AdminAnswer> PostJsonAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new StringContent(body is null ? "{}" : JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"), cancellationToken);

    public async Task<AdminAnswer> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Gateway, path)) { Content = content };
        if (!string.IsNullOrEmpty(adminKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        }

        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? new AdminAnswer(status, text) : throw new AdminCallException($"{status}: {ErrorMessage(text, response.ReasonPhrase)}");
        }
        catch (HttpRequestException e)
        {
            throw new AdminCallException($"cannot reach the gateway at {Gateway}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdminCallException($"the gateway at {Gateway} did not answer in {_http.Timeout.TotalSeconds:F0} s");
        }
    }

    /// <summary>error.message of an OpenAI-shaped error body, else the body itself, else the reason phrase.</summary>
    public static string ErrorMessage(string text, string? reason)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? reason ?? "error";
            }

            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("reason", out var refused))
            {
                return refused.GetString() ?? reason ?? "error";
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return text.Trim().Length > 0 ? text.Trim() : reason ?? "error";
    }

    public void Dispose() => _http.Dispose();
}
