using System.Net;
using System.Text;
using System.Text.Json;

namespace Gateway.Worker.Tests.OpenAi;

/// <summary>Every error class a client can cause gets OpenAI's error shape and the right status, and never a 500.</summary>
[Collection(SharedWorker.Name)]
public class ErrorTests(WorkerFixture fixture)
{
    private readonly WorkerProcess _worker = fixture.Worker;

    [Theory]
    [InlineData("{not json", 400, null, null)]
    [InlineData("[1,2]", 400, null, null)]
    [InlineData("{}", 400, "messages", null)]
    [InlineData("""{"messages":"hi"}""", 400, "messages", null)]
    [InlineData("""{"messages":[{"role":"wizard","content":"hi"}]}""", 400, "messages[0].role", null)]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", 400, "messages[0].content", null)]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"n":2}""", 400, "n", null)]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"temperature":5}""", 400, "temperature", null)]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""", 400, "temperature", null)]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"max_tokens":0}""", 400, "max_tokens", null)]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}],"top_logprobs":2}""", 400, "top_logprobs", null)]
    [InlineData("""{"model":"support","messages":[{"role":"user","content":"hi"}]}""", 404, "model", "model_not_found")]
    public async Task Chat_BadRequest_GetsOpenAiError(string body, int status, string? param, string? code)
    {
        var (actualStatus, error) = await PostAsync("/v1/chat/completions", body);

        Assert.Equal(status, actualStatus);
        Assert.Equal(status < 500 ? "invalid_request_error" : "server_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(param, error.GetProperty("param").GetString());
        if (code is not null)
        {
            Assert.Equal(code, error.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Completions_PromptLongerThanContext_IsContextLengthExceeded()
    {
        string ids = string.Join(",", Enumerable.Repeat(5, 300));
        var (status, error) = await PostAsync("/v1/completions", $$"""{"prompt":[{{ids}}],"max_tokens":5}""");

        Assert.Equal(400, status);
        Assert.Equal("context_length_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("256", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completions_TokenIdOutsideVocabulary_Is400()
    {
        var (status, error) = await PostAsync("/v1/completions", """{"prompt":[1,2,999999],"max_tokens":2}""");
        Assert.Equal(400, status);
        Assert.Equal("prompt", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task BodyLargerThanTheLimit_Is413()
    {
        string huge = $$"""{"messages":[{"role":"user","content":"{{new string('a', 5 * 1024 * 1024)}}"}]}""";
        var (status, error) = await PostAsync("/v1/chat/completions", huge);

        Assert.Equal(413, status);
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownRoute_Is404InOpenAiShape()
    {
        using var response = await _worker.Http.GetAsync(new Uri(_worker.BaseUrl, "/v1/engines"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_found", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Worker_StillServesAfterBadRequests()
    {
        await PostAsync("/v1/chat/completions", "{broken");
        var (status, _) = await PostAsync("/v1/chat/completions", """{"messages":[{"role":"user","content":"hi"}],"max_tokens":2}""", expectError: false);
        Assert.Equal(200, status);
    }

    private async Task<(int Status, JsonElement Error)> PostAsync(string path, string body, bool expectError = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_worker.BaseUrl, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        // Like curl for large bodies: ask first, so a 413 arrives before the body is sent.
        request.Headers.ExpectContinue = body.Length > 1024 * 1024;
        using var response = await _worker.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        if (!expectError)
        {
            return ((int)response.StatusCode, default);
        }

        using var document = JsonDocument.Parse(text);
        return ((int)response.StatusCode, document.RootElement.GetProperty("error").Clone());
    }
}
