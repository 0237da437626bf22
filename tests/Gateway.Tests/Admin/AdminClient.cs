using System.Net.Http.Json;
using System.Text.Json;

namespace Gateway.Tests.Admin;

/// <summary>Calls the gateway's admin API with a key, and makes versioned copies of test packages.</summary>
internal sealed class AdminClient(GatewayProcess gateway, string key = GatewayProcess.AdminKey)
{
    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(gateway.BaseUrl, path));
        request.Headers.Authorization = new("Bearer", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await gateway.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(int Status, JsonElement Body)> Register(string department, string path) =>
        SendAsync(HttpMethod.Post, $"/admin/departments/{department}/versions", new { path });

    public Task<(int Status, JsonElement Body)> Activate(string department, string version) =>
        SendAsync(HttpMethod.Post, $"/admin/departments/{department}/activate", new { version });
}
