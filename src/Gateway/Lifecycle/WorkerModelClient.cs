using System.Text.Json;
using Gateway.Configuration;
using Gateway.Protocol.Errors;
using Gateway.Protocol.Http;

namespace Gateway.Lifecycle;

/// <summary>Talks to a worker's internal model endpoints: which version serves, and activate another.</summary>
public sealed class WorkerModelClient(IHttpClientFactory clients, WorkerTokens tokens)
{
    /// <summary>Asks one worker to validate, load and switch to a package; returns its answer or the reason it refused.</summary>
    public async Task<(bool Ok, string Detail)> ActivateAsync(Uri worker, string package, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient("worker-admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(worker, WorkerRoutes.ActivateModel))
        {
            Content = JsonContent.Create(new { model = package }),
        };
        request.Headers.Add(ProtocolHeaders.WorkerToken, tokens.Current);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return (true, body);
            }

            return (false, ErrorResponse.Parse(body)?.Message ?? body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (false, $"{worker} did not answer: {e.Message}");
        }
    }
}
