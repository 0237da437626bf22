using Gateway.Training.Data;

namespace Gateway.Training.Tests.Data;

public class ChatJsonlReaderTests
{
    private const string Good = """{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}""";

    [Theory]
    [InlineData("""{"messages":{"role":"user"}}""", "train.jsonl line 3: 'messages' must be an array")]
    [InlineData("""{"messages":[{"role":"robot","content":"x"}]}""", "train.jsonl line 3: messages[0].role must be one of")]
    [InlineData("""{"messages":[{"role":"user","content":5}]}""", "train.jsonl line 3: messages[0].content must be a string")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}]}""", "train.jsonl line 3: 'messages' has no assistant message")]
    [InlineData("""{"messages":[""", "train.jsonl line 3: not valid JSON")]
    public void Read_MalformedLine_RefusedWithFileAndLineNumber(string bad, string expected)
    {
        using var dir = new Gateway.TestSupport.TemporaryDirectory();
        string path = dir.Combine("train.jsonl");
        File.WriteAllLines(path, [Good, "", bad, Good]);

        var error = Assert.Throws<InvalidDataException>(() => ChatJsonlReader.Read(path));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BlankLinesBetweenExamples_KeepsOriginalLineNumbers()
    {
        using var dir = new Gateway.TestSupport.TemporaryDirectory();
        string path = dir.Combine("train.jsonl");
        File.WriteAllLines(path, ["", Good, "   ", Good]);

        var examples = ChatJsonlReader.Read(path);

        Assert.Equal([2, 4], examples.Select(e => e.Line));
    }
}
