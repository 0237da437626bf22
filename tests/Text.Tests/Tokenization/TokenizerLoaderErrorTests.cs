using System.Text.Json.Nodes;
using Gateway.Text.Tokenization;

namespace Gateway.Text.Tests.Tokenization;

public sealed class TokenizerLoaderErrorTests
{
    [Theory]
    [InlineData("WordPiece")]
    [InlineData("Unigram")]
    [InlineData("WordLevel")]
    public void Load_UnsupportedModelType_ThrowsNamingFileAndType(string type)
    {
        var json = SentencePieceFiles.Llama2Style();
        json["model"]!["type"] = type;

        var error = Assert.Throws<NotSupportedException>(() => LoadFrom(json));

        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{type}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("normalizer", "BertNormalizer")]
    [InlineData("pre_tokenizer", "BertPreTokenizer")]
    [InlineData("decoder", "WordPiece")]
    [InlineData("post_processor", "SomethingNew")]
    public void Load_UnsupportedPipelineStep_ThrowsNamingFileAndType(string part, string type)
    {
        var json = SentencePieceFiles.Llama2Style();
        json[part] = new JsonObject { ["type"] = type };

        var error = Assert.Throws<NotSupportedException>(() => LoadFrom(json));

        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(part, error.Message, StringComparison.Ordinal);
        Assert.Contains(type, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTokenizerJson_ThrowsInvalidDataNamingFile()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<InvalidDataException>(() => TokenizerLoader.Load(directory.Path));

        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedJson_ThrowsInvalidDataNamingFile()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.Combine("tokenizer.json"), "{ \"model\": ");

        var error = Assert.Throws<InvalidDataException>(() => TokenizerLoader.Load(directory.Path));

        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    private static ITextTokenizer LoadFrom(JsonObject json)
    {
        using var directory = new TemporaryDirectory();
        SentencePieceFiles.Write(directory.Path, json);
        return TokenizerLoader.Load(directory.Path);
    }
}
