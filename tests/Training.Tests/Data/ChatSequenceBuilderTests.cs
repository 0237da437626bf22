using Gateway.TestSupport;
using Gateway.Text.Bpe;
using Gateway.Text.Tokenization;
using Gateway.Training.Data;

namespace Gateway.Training.Tests.Data;

public class ChatSequenceBuilderTests
{
    private static ChatExample Conversation() => ChatJsonlReader.Parse(
        """{"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"VPN?"},{"role":"assistant","content":"Use SecureLink."},{"role":"user","content":"Leave?"},{"role":"assistant","content":"28 days."}]}""",
        "test", 1);

    [Fact]
    public void Build_TwoAssistantTurns_LossCountsExactlyTheirContentAndEndOfTurn()
    {
        var tokenizer = TokenizerLoader.Load(TestPackages.TokenizerDirectory);
        var builder = ChatSequenceBuilder.Load(TestPackages.TokenizerDirectory, maxLength: 512);

        var sequence = builder.Build(Conversation(), "test")!;

        var counted = sequence.Tokens.Where((_, i) => sequence.LossMask[i]).ToList();
        string imEnd = ChatMlTemplate.ImEnd;
        Assert.Equal("Use SecureLink." + imEnd + "28 days." + imEnd, tokenizer.Decode(counted, skipSpecialTokens: false));
        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nVPN?<|im_end|>\n<|im_start|>assistant\nUse SecureLink.<|im_end|>\n" +
            "<|im_start|>user\nLeave?<|im_end|>\n<|im_start|>assistant\n28 days.<|im_end|>\n",
            tokenizer.Decode(sequence.Tokens, skipSpecialTokens: false));
    }

    [Fact]
    public void Build_LongerThanContext_KeepsTheEnd()
    {
        var full = ChatSequenceBuilder.Load(TestPackages.TokenizerDirectory, maxLength: 512).Build(Conversation(), "test")!;
        var cut = ChatSequenceBuilder.Load(TestPackages.TokenizerDirectory, maxLength: 12).Build(Conversation(), "test")!;

        Assert.Equal(full.Tokens.TakeLast(12), cut.Tokens);
        Assert.Equal(full.LossMask.TakeLast(12), cut.LossMask);
    }
}
