using Gateway.Text.Bpe;

namespace Gateway.Text.Tests.Bpe;

public sealed class TokenizerFilesTests(TrainedTokenizerFixture fixture) : IClassFixture<TrainedTokenizerFixture>
{
    [Fact]
    public void Load_SavedTokenizer_ReadsBackVocabMergesAndRoles()
    {
        var description = fixture.Description;

        Assert.Equal(1024, description.VocabSize);
        Assert.Equal(fixture.Trained.Vocab, description.Vocab);
        Assert.Equal(fixture.Trained.Merges, description.Merges);
        Assert.Equal(new Dictionary<string, int> { ["<|endoftext|>"] = 0, ["<|im_start|>"] = 1, ["<|im_end|>"] = 2 }, description.SpecialTokens);
        Assert.Null(description.BosTokenId);
        Assert.Equal([2], description.EosTokenIds);
        Assert.Equal(0, description.PadTokenId);
        Assert.Equal(2048, description.ModelMaxLength);
        Assert.Equal(ByteLevelPreTokenizer.Pattern, description.PreTokenizerPattern);
        Assert.Equal(ChatMlTemplate.Build(), description.ChatTemplate);
    }

    [Fact]
    public void Save_CustomSystemMessage_AppearsEscapedInChatTemplate()
    {
        using var directory = new TemporaryDirectory();

        fixture.Trained.Save(directory.Path, modelMaxLength: 512, defaultSystemMessage: "Be brief.\nDon't guess.");
        var description = TokenizerFiles.Load(directory.Path);

        Assert.Equal(512, description.ModelMaxLength);
        Assert.Contains(@"'<|im_start|>system\nBe brief.\nDon\'t guess.<|im_end|>\n'", description.ChatTemplate, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OlderSpaceSeparatedMerges_AreAccepted()
    {
        using var directory = CopyOfSavedFiles();
        var path = directory.Combine(TokenizerFiles.TokenizerJson);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var merges = json["model"]!["merges"]!.AsArray();
        var asStrings = new System.Text.Json.Nodes.JsonArray([.. merges.Select(m => (System.Text.Json.Nodes.JsonNode?)$"{m![0]} {m[1]}")]);
        json["model"]!["merges"] = asStrings;
        File.WriteAllText(path, json.ToJsonString());

        var description = TokenizerFiles.Load(directory.Path);

        Assert.Equal(fixture.Trained.Merges, description.Merges);
    }

    [Fact]
    public void Load_MissingTokenizerJson_ThrowsNamingFile()
    {
        using var directory = CopyOfSavedFiles();
        File.Delete(directory.Combine(TokenizerFiles.TokenizerJson));

        var error = Assert.Throws<InvalidDataException>(() => TokenizerFiles.Load(directory.Path));

        Assert.StartsWith("tokenizer.json: file is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTokenizerConfig_ThrowsNamingFile()
    {
        using var directory = CopyOfSavedFiles();
        File.Delete(directory.Combine(TokenizerFiles.TokenizerConfigJson));

        var error = Assert.Throws<InvalidDataException>(() => TokenizerFiles.Load(directory.Path));

        Assert.StartsWith("tokenizer_config.json: file is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"model\": {\"vocab\": {", "tokenizer.json: malformed JSON")]
    [InlineData("[1, 2]", "tokenizer.json: top level is not a JSON object")]
    [InlineData("{\"version\": \"1.0\"}", "tokenizer.json: missing 'model'")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"merges\": []}}", "tokenizer.json: missing 'model.vocab'")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}}}", "tokenizer.json: missing 'model.merges'")]
    [InlineData("{\"model\": {\"type\": \"Unigram\", \"vocab\": {}}}", "tokenizer.json: model.type is 'Unigram'")]
    [InlineData("{\"model\": {\"vocab\": {\"a\": 0, \"b\": 0}, \"merges\": []}}", "tokenizer.json: model.vocab gives id 0 to both 'a' and 'b'")]
    [InlineData("{\"model\": {\"vocab\": {\"a\": 0, \"b\": 1}, \"merges\": [\"a b\"]}}", "tokenizer.json: model.merges[0] uses 'ab'")]
    [InlineData("{\"model\": {\"vocab\": {\"a\": 0}, \"merges\": [[\"a\"]]}}", "tokenizer.json: model.merges[0] is neither")]
    public void Load_MalformedTokenizerJson_ThrowsNamingFileAndProblem(string content, string expectedMessageStart)
    {
        using var directory = CopyOfSavedFiles();
        File.WriteAllText(directory.Combine(TokenizerFiles.TokenizerJson), content);

        var error = Assert.Throws<InvalidDataException>(() => TokenizerFiles.Load(directory.Path));

        Assert.StartsWith(expectedMessageStart, error.Message, StringComparison.Ordinal);
        Assert.Contains(directory.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EosTokenNotInVocabulary_ThrowsNamingConfig()
    {
        using var directory = CopyOfSavedFiles();
        var path = directory.Combine(TokenizerFiles.TokenizerConfigJson);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"eos_token\": \"<|im_end|>\"", "\"eos_token\": \"</s>\"", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => TokenizerFiles.Load(directory.Path));

        Assert.StartsWith("tokenizer_config.json: eos_token '</s>'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EosTokenAsAddedTokenObject_ResolvesId()
    {
        using var directory = CopyOfSavedFiles();
        var path = directory.Combine(TokenizerFiles.TokenizerConfigJson);
        File.WriteAllText(path, File.ReadAllText(path).Replace(
            "\"eos_token\": \"<|im_end|>\"",
            "\"eos_token\": {\"content\": \"<|endoftext|>\", \"special\": true}",
            StringComparison.Ordinal));

        Assert.Equal([0], TokenizerFiles.Load(directory.Path).EosTokenIds);
    }

    private TemporaryDirectory CopyOfSavedFiles()
    {
        var copy = new TemporaryDirectory();
        foreach (var file in new[] { TokenizerFiles.TokenizerJson, TokenizerFiles.TokenizerConfigJson })
        {
            File.Copy(Path.Combine(fixture.Directory, file), copy.Combine(file));
        }

        return copy;
    }
}
