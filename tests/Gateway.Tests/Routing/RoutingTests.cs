using System.ClientModel;
using System.Text.Json;
using OpenAI.Chat;

namespace Gateway.Tests.Routing;

[Collection(SharedGateway.Name)]
public class RoutingTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Theory]
    [InlineData("My VPN keeps disconnecting every few minutes, SecureLink says timeout", "it")]
    [InlineData("How many days of parental leave do I get?", "hr")]
    [InlineData("My Pods Pro case won't charge, order NW-2024-118734", "support")]
    public async Task Auto_IsRoutedByTheIntentModel(string question, string department)
    {
        var response = await _gateway.Chat("auto").CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 2 });

        var headers = response.GetRawResponse().Headers;
        Assert.Equal(department, Header(headers, "x-gateway-department"));
        Assert.True(double.Parse(Header(headers, "x-gateway-route-confidence")!, System.Globalization.CultureInfo.InvariantCulture) >= 0.5);
        Assert.False(string.IsNullOrEmpty(Header(headers, "x-request-id")));
        Assert.Equal("long", Header(headers, "x-gateway-model-version"));
        Assert.Equal(department, response.Value.Model);
    }

    [Theory]
    [InlineData("hr", "hr")]
    [InlineData("people", "hr")]
    [InlineData("HELPDESK", "it")]
    [InlineData("support:long", "support")]
    public async Task ModelField_NamesTheDepartmentByNameAliasOrVersion(string model, string department)
    {
        var response = await _gateway.Chat(model).CompleteChatAsync([new UserChatMessage("My VPN keeps disconnecting")], new ChatCompletionOptions { MaxOutputTokenCount = 2 });
        Assert.Equal(department, Header(response.GetRawResponse().Headers, "x-gateway-department"));
    }

    [Fact]
    public async Task UnknownModel_Is404ModelNotFound()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => _gateway.Chat("finance").CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteEndpoint_ExplainsTheDecisionWithoutGenerating()
    {
        using var response = await _gateway.Http.SendAsync(_gateway.Post("/v1/route",
            """{"model":"auto","messages":[{"role":"user","content":"How many days of parental leave do I get?"},{"role":"assistant","content":"16 weeks."},{"role":"user","content":"and for my partner?"}]}"""));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;

        Assert.Equal("hr", root.GetProperty("department").GetString());
        Assert.Equal(3, root.GetProperty("scores").EnumerateObject().Count());
        Assert.Contains("earlier turns", root.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("v1", root.GetProperty("intent_model_version").GetString());
    }

    [Fact]
    public async Task Models_ListsAutoAndEachDepartmentWithItsVersion()
    {
        var models = await _gateway.Chat().CompleteChatAsync([new UserChatMessage("warm up")], new ChatCompletionOptions { MaxOutputTokenCount = 1 });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_gateway.BaseUrl, "/v1/models"));
        request.Headers.Authorization = new("Bearer", GatewayProcess.AllKey);
        using var response = await _gateway.Http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var data = body.RootElement.GetProperty("data").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!, m => m);

        Assert.Equal(["auto", "hr", "it", "support"], data.Keys.Order());
        Assert.Equal("long", data["hr"].GetProperty("version").GetString());
        Assert.NotNull(models);
    }

    private static string? Header(System.ClientModel.Primitives.PipelineResponseHeaders headers, string name) =>
        headers.TryGetValue(name, out string? value) ? value : null;
}
