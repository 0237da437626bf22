using System.Text.Json;
using Gateway.Text.Chat;

namespace Gateway.Text.Tests.Chat;

/// <summary>The one reader of OpenAI messages, which the gateway, the worker, the trainer and gw eval share.</summary>
public class ChatTurnReaderTests
{
    private static IReadOnlyList<ChatTurn> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ChatTurnReader.Read(document.RootElement);
    }

    [Fact]
    public void Read_TextPartsAreJoinedWithNewlines()
    {
        var turns = Read("""[{"role":"user","content":[{"type":"text","text":"My VPN"},{"type":"text","text":"keeps dropping"}]}]""");

        Assert.Equal("My VPN\nkeeps dropping", Assert.Single(turns).Content);
    }

    [Fact]
    public void Read_OtherFieldsTravelToTheTemplateAsPlainData()
    {
        var turns = Read("""[{"role":"assistant","content":null,"tool_calls":[{"id":"c1","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"42"}]""");

        Assert.Null(turns[0].Content);
        var calls = Assert.IsType<List<object?>>(turns[0].Fields["tool_calls"]);
        Assert.Equal("c1", ((Dictionary<string, object?>)calls[0]!)["id"]);
        var data = turns[1].ToTemplateData();
        Assert.Equal("tool", data["role"]);
        Assert.Equal("42", data["content"]);
        Assert.Equal("c1", data["tool_call_id"]);
    }

    [Theory]
    [InlineData("""{"role":"user","content":"hi"}""", "messages", "must be an array")]
    [InlineData("""[]""", "messages", "must hold at least one message")]
    [InlineData("""["hi"]""", "messages[0]", "must be an object")]
    [InlineData("""[{"role":"wizard","content":"hi"}]""", "messages[0].role", "must be one of system, developer, user, assistant, tool")]
    [InlineData("""[{"role":5,"content":"hi"}]""", "messages[0].role", "must be one of")]
    [InlineData("""[{"role":"user"}]""", "messages[0].content", "is required for a user message")]
    [InlineData("""[{"role":"user","content":5}]""", "messages[0].content", "must be a string or an array of text parts")]
    [InlineData("""[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]""", "messages[0].content", "may only hold text parts")]
    [InlineData("""[{"role":"user","content":[{"type":7,"text":"x"}]}]""", "messages[0].content", "may only hold text parts")]
    public void Read_MalformedMessages_AreRefusedNamingThePath(string json, string param, string problem)
    {
        var e = Assert.Throws<ChatFormatException>(() => Read(json));

        Assert.Equal(param, e.Param);
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
        Assert.Equal($"'{param}' {e.Problem}", e.Message);
    }
}
