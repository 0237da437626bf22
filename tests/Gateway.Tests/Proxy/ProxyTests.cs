using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Gateway.Tests.Proxy;

[Collection(SharedGateway.Name)]
public class ProxyTests(GatewayFixture fixture)
{
    private readonly GatewayProcess _gateway = fixture.Gateway;

    [Theory]
    [InlineData("{not json", 400, "invalid_json")]
    [InlineData("""{"model":7,"messages":[]}""", 400, "invalid_type")]
    public async Task MalformedBody_Is400(string body, int status, string code)
    {
        using var response = await _gateway.Http.SendAsync(_gateway.Post("/v1/chat/completions", body));
        Assert.Equal(status, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        string body = $$"""{"messages":[{"role":"user","content":"{{new string('x', 2 * 1024 * 1024)}}"}]}""";
        using var request = _gateway.Post("/v1/chat/completions", body);
        request.Headers.ExpectContinue = true;
        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("request_too_large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerErrors_PassThroughInOpenAiShape()
    {
        using var response = await _gateway.Http.SendAsync(_gateway.Post("/v1/chat/completions", """{"model":"it","messages":[{"role":"user","content":"hi"}],"n":3}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"param\":\"n\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_ChunksArriveAsGenerated_AndEndWithDone()
    {
        const string body = """{"model":"it","messages":[{"role":"user","content":"Explain the VPN setup"}],"max_tokens":3000,"ignore_eos":true,"stream":true}""";
        using (var warmUp = await _gateway.Http.SendAsync(_gateway.Post("/v1/chat/completions", body.Replace("3000", "2", StringComparison.Ordinal))))
        {
            warmUp.EnsureSuccessStatusCode();
        }

        var clock = Stopwatch.StartNew();
        using var response = await _gateway.Http.SendAsync(_gateway.Post("/v1/chat/completions", body), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        double? first = null;
        int events = 0;
        string? last = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                first ??= clock.Elapsed.TotalMilliseconds;
                events++;
                last = line;
            }
        }

        double total = clock.Elapsed.TotalMilliseconds;
        Assert.Equal("data: [DONE]", last);
        Assert.True(events > 1000, $"expected about an event per token, got {events}");
        Assert.True(first < total / 4, $"the first chunk came at {first:F0} ms of {total:F0} ms: the stream was buffered");
    }
}
