using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Gateway.Protocol.Admin;
using Gateway.Protocol.Errors;

namespace Gateway.Cli.Admin;

/// <summary>One admin API call's answer (a 2xx): the JSON as sent, and read as the record its route answers.</summary>
internal sealed record AdminAnswer(int Status, string Text)
{
    public T Read<T>(JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(Text, type) ?? throw new AdminCallException($"{Status}: the gateway answered null");
        }
        catch (JsonException e)
        {
            throw new AdminCallException($"{Status}: the gateway's answer is not the {typeof(T).Name} gw expects: {e.Message}");
        }
    }
}

/// <summary>A failed call: the server's error message (or why it could not be reached), reported with exit code 1.</summary>
internal sealed class AdminCallException(string message) : Exception(message);

/// <summary>Calls the gateway's /admin API (<see cref="AdminRoutes"/>) with the admin key as a bearer token.</summary>
internal sealed class AdminConnection(Uri gateway, string? adminKey) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };

    public Uri Gateway { get; } = gateway;

    public Task<AdminAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>A POST whose request has no fields (promote, rollback).</summary>
    public Task<AdminAnswer> PostAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new StringContent("{}", Encoding.UTF8, "application/json"), cancellationToken);

    public Task<AdminAnswer> PostJsonAsync<T>(string path, T body, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, new StringContent(JsonSerializer.Serialize(body, type), Encoding.UTF8, "application/json"), cancellationToken);

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

    /// <summary>
    /// The message of an error body; a refused registration (422) answers its <see cref="RegistrationResult"/>,
    /// whose reason says why. Else the body itself, else the reason phrase.
    /// </summary>
    public static string ErrorMessage(string text, string? reason)
    {
        try
        {
            if (ErrorResponse.Parse(text)?.Message is { } message)
            {
                return message;
            }

            if (JsonSerializer.Deserialize(text, AdminJsonContext.Default.RegistrationResult)?.Reason is { } refused)
            {
                return refused;
            }
        }
        catch (JsonException)
        {
            // Not JSON, or not ours: fall through to the raw text.
        }

        return text.Trim().Length > 0 ? text.Trim() : reason ?? "error";
    }

    public void Dispose() => _http.Dispose();
}
