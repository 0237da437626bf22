using Gateway.Inference.Chat;
using Gateway.Inference.Models;
using Gateway.Text.Chat;
using Microsoft.Extensions.AI;

namespace Gateway.Inference.Tests.Engine;

public class EngineChatClientTests
{
    [Fact]
    public async Task GetResponse_GreedyEqualsTheStreamedText_AndReportsUsage()
    {
        using var engine = InferenceEngine.Load(new EngineOptions { ModelDirectory = TestPackages.TinyFp32, IntraOpThreads = 1 });
        IChatClient client = new EngineChatClient(engine, ChatPrompter.Load(TestPackages.TinyFp32, engine.Tokenizer), "it");
        ChatMessage[] messages = [new(ChatRole.System, "You are the IT helpdesk."), new(ChatRole.User, "My laptop is slow.")];
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 10 };

        var response = await client.GetResponseAsync(messages, options);
        string streamed = string.Concat(await client.GetStreamingResponseAsync(messages, options).Select(u => u.Text).ToListAsync());

        Assert.Equal(streamed, response.Text);
        Assert.Equal(10, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Equal("it", response.ModelId);
    }
}
