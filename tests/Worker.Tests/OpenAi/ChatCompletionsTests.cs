using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Chat;

namespace Gateway.Worker.Tests.OpenAi;

[Collection(SharedWorker.Name)]
public class ChatCompletionsTests(WorkerFixture fixture)
{
    private readonly WorkerProcess _worker = fixture.Worker;

    [Fact]
    public async Task Chat_NonStreaming_ReturnsAssistantTextUsageAndFinishReason()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 12, Temperature = 0 };
        ChatCompletion completion = await _worker.Chat().CompleteChatAsync([new SystemChatMessage("You are the IT helpdesk."), new UserChatMessage("My VPN drops.")], options);

        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.Equal("it", completion.Model);
        Assert.Equal(12, completion.Usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        int promptTokens = await CountChatTokens([("system", "You are the IT helpdesk."), ("user", "My VPN drops.")]);
        Assert.Equal(promptTokens, completion.Usage.InputTokenCount);
    }

    [Fact]
    public async Task Chat_Streaming_GivesTheSameTextAsNonStreamingAndReportsUsage()
    {
        var messages = new ChatMessage[] { new UserChatMessage("How do I reset my password?") };
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 20, Temperature = 0 };
        ChatCompletion whole = await _worker.Chat().CompleteChatAsync(messages, options);

        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        int chunks = 0;
        await foreach (var update in _worker.Chat().CompleteChatStreamingAsync(messages, options))
        {
            chunks++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.True(chunks > 3, $"expected token-by-token chunks, got {chunks}");
        Assert.NotNull(usage);
        Assert.Equal(whole.Usage.InputTokenCount, usage.InputTokenCount);
        Assert.Equal(20, usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, finish);
    }

    [Fact]
    public async Task Chat_SeededSampling_IsReproducible()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 16, Temperature = 1.2f, TopP = 0.9f, Seed = 1234 };
        var messages = new ChatMessage[] { new UserChatMessage("Tell me about returns.") };

        ChatCompletion first = await _worker.Chat().CompleteChatAsync(messages, options);
        ChatCompletion second = await _worker.Chat().CompleteChatAsync(messages, options);

        Assert.Equal(first.Content[0].Text, second.Content[0].Text);
    }

    [Fact]
    public async Task Chat_Logprobs_AreReturnedPerToken()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5, Temperature = 0, IncludeLogProbabilities = true, TopLogProbabilityCount = 3 };
        ChatCompletion completion = await _worker.Chat().CompleteChatAsync([new UserChatMessage("Hi")], options);

        Assert.Equal(5, completion.ContentTokenLogProbabilities.Count);
        Assert.All(completion.ContentTokenLogProbabilities, t =>
        {
            Assert.Equal(3, t.TopLogProbabilities.Count);
            Assert.True(t.LogProbability <= 0);
            Assert.Equal(t.LogProbability, t.TopLogProbabilities[0].LogProbability, 4);
        });
    }

    [Fact]
    public async Task Chat_StopSequence_EndsWithStopBeforeTheMatch()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 30, Temperature = 0 };
        var messages = new ChatMessage[] { new UserChatMessage("Where are payslips?") };
        string free = (await _worker.Chat().CompleteChatAsync(messages, options)).Value.Content[0].Text;
        Assert.True(free.Length > 6, $"the free text is too short to cut: '{free}'");
        string stop = free.Substring(free.Length / 2, 3);
        options.StopSequences.Add(stop);

        ChatCompletion stopped = await _worker.Chat().CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.Stop, stopped.FinishReason);
        Assert.Equal(free[..free.IndexOf(stop, StringComparison.Ordinal)], stopped.Content.Count == 0 ? "" : stopped.Content[0].Text);
    }

    [Fact]
    public async Task Models_ListsTheDepartment()
    {
        var models = await _worker.Client().GetOpenAIModelClient().GetModelsAsync();
        Assert.Contains(models.Value, m => m.Id == "it");
    }

    [Fact]
    public async Task Chat_UnknownModel_Is404ModelNotFound()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => _worker.Chat("hr").CompleteChatAsync([new UserChatMessage("Hi")]));
        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseHeaders_NameDepartmentAndVersion()
    {
        using var response = await _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/v1/chat/completions"),
            new { messages = new[] { new { role = "user", content = "Hi" } }, max_tokens = 2 });
        response.EnsureSuccessStatusCode();
        Assert.Equal("it", response.Headers.GetValues("x-gateway-department").Single());
        Assert.Equal("fp32", response.Headers.GetValues("x-gateway-model-version").Single());
    }

    private async Task<int> CountChatTokens(IEnumerable<(string Role, string Content)> messages)
    {
        using var response = await _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/tokenize"),
            new { messages = messages.Select(m => new { role = m.Role, content = m.Content }) });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("count").GetInt32();
    }
}
