namespace Gateway.Text.Tests.Tokenization;

public sealed class Qwen3TokenizerTests
{
    private const int ImStart = 151644;
    private const int ImEnd = 151645;

    [Fact]
    public void Encode_HelloWorld_MatchesHuggingFaceIds()
    {
        Assert.Equal([9707, 1879], RealTokenizers.Qwen3.Encode("Hello world"));
    }

    [Fact]
    public void Encode_WithSpecialTokens_AddsNothingBecauseQwenHasNoBos()
    {
        Assert.Null(RealTokenizers.Qwen3.BosTokenId);
        Assert.Equal([9707, 1879], RealTokenizers.Qwen3.Encode("Hello world", addSpecialTokens: true));
    }

    [Fact]
    public void EosTokenIds_FromTokenizerConfig_IsImEnd()
    {
        Assert.Equal([ImEnd], RealTokenizers.Qwen3.EosTokenIds);
    }

    [Fact]
    public void Encode_ChatMlMarkersInText_BecomeSingleIds()
    {
        var ids = RealTokenizers.Qwen3.Encode("<|im_start|>user\nHello world<|im_end|>\n");

        Assert.Equal([ImStart, 872, 198, 9707, 1879, ImEnd, 198], ids);
    }

    [Fact]
    public void Decode_SkipSpecialTokens_DropsSpecialButKeepsNonSpecialAddedTokens()
    {
        var tokenizer = RealTokenizers.Qwen3;
        var ids = tokenizer.Encode("<|im_start|>assistant\n<tool_call>{}</tool_call><|im_end|>");

        Assert.False(tokenizer.IsSpecial(151657)); // <tool_call> is an added token, not a special one
        Assert.Contains(151657, ids);
        Assert.Equal("assistant\n<tool_call>{}</tool_call>", tokenizer.Decode(ids));
        Assert.Equal("<|im_start|>assistant\n<tool_call>{}</tool_call><|im_end|>", tokenizer.Decode(ids, skipSpecialTokens: false));
    }

    [Fact]
    public void Encode_LookalikeOfSpecialToken_IsOrdinaryText()
    {
        var ids = RealTokenizers.Qwen3.Encode("<|im_star|>");

        Assert.DoesNotContain(ImStart, ids);
        Assert.Equal("<|im_star|>", RealTokenizers.Qwen3.Decode(ids));
    }
}
