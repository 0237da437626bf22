using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Chat;

namespace Gateway.Worker.Tests.Grounding;

public class GroundingTests(GroundedWorkerFixture fixture) : IClassFixture<GroundedWorkerFixture>
{
    private const string LeaveQuestion = "How many days of annual leave do employees receive?";
    private readonly WorkerProcess _worker = fixture.Worker;

    [Fact]
    public void Startup_LogsThePassageCount()
    {
        Assert.Contains("knowledge base: 4 passages", _worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_WithTheOpenAiSdk_ReportsTheMatchingPassageInHeaderAndBody()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 4, Temperature = 0 };
        var result = await _worker.Chat().CompleteChatAsync([new UserChatMessage(LeaveQuestion)], options);

        // The SDK parses the completion with the extension field in it.
        Assert.Equal(ChatMessageRole.Assistant, result.Value.Role);
        var raw = result.GetRawResponse();
        Assert.True(raw.Headers.TryGetValue("x-gateway-grounding", out string? header), "no x-gateway-grounding header");
        Assert.StartsWith("leave.md#0", header, StringComparison.Ordinal);
        Assert.Equal(2, header!.Split(',').Length);

        using var body = JsonDocument.Parse(raw.Content.ToString());
        var first = body.RootElement.GetProperty("grounding")[0];
        Assert.Equal("leave.md#0", first.GetProperty("id").GetString());
        Assert.Equal("Annual leave", first.GetProperty("title").GetString());
        Assert.True(first.GetProperty("score").GetDouble() > 0);
    }

    [Fact]
    public async Task Chat_Grounded_PromptHoldsThePassageAndIsLongerThanUngrounded()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 2, Temperature = 0 };
        ChatCompletion grounded = await _worker.Chat().CompleteChatAsync([new UserChatMessage(LeaveQuestion)], options);

        string prompt = await RenderedPromptAsync(grounding: null);
        Assert.Contains(AnnualLeaveInPrompt, prompt, StringComparison.Ordinal);
        Assert.Contains("Context:", prompt, StringComparison.Ordinal);

        string ungroundedPrompt = await RenderedPromptAsync(grounding: false);
        Assert.DoesNotContain(GroundedWorkerFixture.AnnualLeave, ungroundedPrompt, StringComparison.Ordinal);

        int ungroundedTokens = await CountAsync(grounding: false);
        Assert.Equal(await CountAsync(grounding: null), grounded.Usage.InputTokenCount);
        Assert.True(grounded.Usage.InputTokenCount > ungroundedTokens + 10, $"{grounded.Usage.InputTokenCount} vs {ungroundedTokens}");
    }

    [Fact]
    public async Task Chat_GroundingFalse_TurnsItOff()
    {
        using var response = await PostChatAsync(new { messages = Messages(), max_tokens = 2, grounding = false });

        response.EnsureSuccessStatusCode();
        Assert.False(response.Headers.Contains("x-gateway-grounding"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.TryGetProperty("grounding", out _));
    }

    [Fact]
    public async Task Chat_TopKInTheRequest_ChangesThePassageCount()
    {
        using var response = await PostChatAsync(new { messages = Messages(), max_tokens = 2, grounding = new { top_k = 1 } });

        response.EnsureSuccessStatusCode();
        Assert.Equal("leave.md#0", string.Join(',', response.Headers.GetValues("x-gateway-grounding")));
    }

    [Fact]
    public async Task Chat_Streaming_CarriesTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_worker.BaseUrl, "/v1/chat/completions"))
        {
            Content = JsonContent.Create(new { messages = Messages(), max_tokens = 3, stream = true }),
        };
        using var response = await _worker.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        response.EnsureSuccessStatusCode();
        Assert.StartsWith("leave.md#0", string.Join(',', response.Headers.GetValues("x-gateway-grounding")), StringComparison.Ordinal);
        Assert.Contains("[DONE]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"yes\"", "grounding")]
    [InlineData("{\"top_k\": 0}", "grounding.top_k")]
    [InlineData("{\"top_k\": \"two\"}", "grounding.top_k")]
    public async Task Chat_BadGroundingField_Is400NamingIt(string value, string param)
    {
        string json = $$"""{"messages":[{"role":"user","content":"hi"}],"max_tokens":2,"grounding":{{value}}}""";
        using var response = await _worker.Http.PostAsync(new Uri(_worker.BaseUrl, "/v1/chat/completions"), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(param, body.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    /// <summary>The passage as the grounded system message quotes it: numbered, after its title.</summary>
    private const string AnnualLeaveInPrompt = "[1] Annual leave: " + GroundedWorkerFixture.AnnualLeave;

    private static object[] Messages() => [new { role = "user", content = LeaveQuestion }];

    private Task<HttpResponseMessage> PostChatAsync(object body) => _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/v1/chat/completions"), body);

    private async Task<JsonElement> TokenizeAsync(bool? grounding)
    {
        object body = grounding is bool on ? new { messages = Messages(), grounding = on } : new { messages = Messages() };
        using var response = await _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/tokenize"), body);
        response.EnsureSuccessStatusCode();
        Assert.Equal(grounding != false, response.Headers.Contains("x-gateway-grounding"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private async Task<int> CountAsync(bool? grounding) => (await TokenizeAsync(grounding)).GetProperty("count").GetInt32();

    private async Task<string> RenderedPromptAsync(bool? grounding)
    {
        var tokens = (await TokenizeAsync(grounding)).GetProperty("tokens");
        using var response = await _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/detokenize"), new { tokens });
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("prompt").GetString()!;
    }
}
