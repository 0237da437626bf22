using System.ClientModel;
using System.Net;
using OpenAI.Chat;

namespace Gateway.Tests.Auth;

[Collection(SharedGateway.Name)]
public class KeyTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Fact]
    public async Task PinnedKey_AutoGoesToItsDepartment()
    {
        var response = await _gateway.Chat("auto", GatewayProcess.HrBotKey).CompleteChatAsync([new UserChatMessage("My VPN keeps disconnecting")], new ChatCompletionOptions { MaxOutputTokenCount = 2 });
        Assert.True(response.GetRawResponse().Headers.TryGetValue("x-gateway-department", out string? department));
        Assert.Equal("hr", department);
    }

    [Fact]
    public async Task PinnedKey_OtherDepartmentIs403()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            _gateway.Chat("it", GatewayProcess.HrBotKey).CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(403, error.Status);
        Assert.Contains("department_not_allowed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sk-wrong")]
    [InlineData(null)]
    public async Task BadOrMissingKey_Is401(string? key)
    {
        using var response = await _gateway.Http.SendAsync(_gateway.Post("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}]}""", key));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"type\":\"authentication_error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_Is429WithRetryAfterOnceTheKeysLimitIsSpent()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (int i = 0; i < GatewayProcess.LimitedPerMinute + 1; i++)
        {
            last?.Dispose();
            last = await _gateway.Http.SendAsync(_gateway.Post("/v1/route", """{"messages":[{"role":"user","content":"hi"}]}""", GatewayProcess.LimitedKey));
            statuses.Add(last.StatusCode);
        }

        using (last)
        {
            Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, GatewayProcess.LimitedPerMinute), statuses.Take(GatewayProcess.LimitedPerMinute));
            Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
            Assert.NotNull(last.Headers.RetryAfter);
            Assert.Contains("rate_limit_exceeded", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
