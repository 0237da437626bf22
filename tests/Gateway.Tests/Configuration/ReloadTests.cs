using System.Text.Json.Nodes;
using OpenAI.Chat;

namespace Gateway.Tests.Configuration;

public class ReloadTests
{
    [Fact]
    public async Task BrokenReload_IsRefusedAndTheOldConfigKeepsServing_ThenAValidOneApplies()
    {
        using var gateway = await GatewayProcess.StartAsync();
        string original = File.ReadAllText(gateway.ConfigPath);
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 1 };

        File.WriteAllText(gateway.ConfigPath, original.Replace("\"fallback\": \"support\"", "\"fallback\": \"finance\"", StringComparison.Ordinal));
        await WaitForLog(gateway, "refused, the previous one keeps serving: intent.fallback: names no department");
        var stillServing = await gateway.Chat("people").CompleteChatAsync([new UserChatMessage("hi")], options);
        Assert.Equal("hr", stillServing.Value.Model);

        var config = JsonNode.Parse(original)!;
        config["departments"]!["hr"]!["aliases"]!.AsArray().Add("human-resources");
        File.WriteAllText(gateway.ConfigPath, config.ToJsonString());
        await WaitForLog(gateway, "reloaded: 3 departments");
        var viaNewAlias = await gateway.Chat("human-resources").CompleteChatAsync([new UserChatMessage("hi")], options);
        Assert.Equal("hr", viaNewAlias.Value.Model);
    }

    private static async Task WaitForLog(GatewayProcess gateway, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!gateway.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the gateway never logged '{text}':\n{gateway.Output}");
            await Task.Delay(100);
        }
    }
}
