using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Lifecycle;

/// <summary>Talks to a worker's internal model endpoints: which version serves, and activate another.</summary>
public sealed class WorkerModelClient(IHttpClientFactory clients, WorkerTokens tokens)
{
    public const string TokenHeader = "x-worker-token";

    /// <summary>Asks one worker to validate, load and switch to a package; returns its answer or the reason it refused.</summary>
    public async Task<(bool Ok, string Detail)> ActivateAsync(Uri worker, string package, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient("worker-admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(worker, "/internal/models/activate"))
        {
            Content = JsonContent.Create(new { model = package }),
        };
        request.Headers.Add(TokenHeader, tokens.Current);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (true, body);
            }

            using var json = JsonDocument.Parse(body);
            return (false, json.RootElement.TryGetProperty("error", out var error) ? error.GetProperty("message").GetString() ?? body : body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (false, $"{worker} did not answer: {e.Message}");
        }
    }
}
