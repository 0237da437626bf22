namespace Gateway.Tests.Admin;

/// <summary>The admin API's key check: read-only requests, so the shared gateway serves them.</summary>
[Collection(SharedGateway.Name)]
public class AdminAuthTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Theory]
    [InlineData(null, 401)]
    [InlineData("sk-wrong", 401)]
    [InlineData(GatewayProcess.AllKey, 403)]
    public async Task AdminEndpoints_RefuseMissingWrongAndOrdinaryKeys(string? key, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_gateway.BaseUrl, "/admin/departments"));
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
