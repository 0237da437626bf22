using System.Text.RegularExpressions;
using Gateway.Text.Bpe;
using Microsoft.ML.Tokenizers;

namespace Gateway.Text.Tests.Bpe;

/// <summary>
/// Builds a Microsoft.ML.Tokenizers BPE tokenizer from loaded tokenizer files. Lives in the test project
/// because only it references Microsoft.ML.Tokenizers; an engine can copy it when it takes the package.
/// </summary>
public static class MlTokenizerFactory
{
    public static BpeTokenizer CreateMlTokenizer(TokenizerDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var specialTokens = new Dictionary<string, int>(description.AddedTokens, StringComparer.Ordinal);

        // Our files list special tokens in model.vocab too, others may not: merge without duplicates.
        var vocab = new Dictionary<string, int>(description.Vocab, StringComparer.Ordinal);
        foreach (var (token, id) in specialTokens)
        {
            vocab[token] = id;
        }

        var pattern = description.PreTokenizerPattern ?? ByteLevelPreTokenizer.Pattern;
        var regex = new Regex(pattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);

        return BpeTokenizer.Create(new BpeOptions(vocab)
        {
            Merges = description.Merges.Select(static m => $"{m.Left} {m.Right}"),
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(regex, specialTokens),
            SpecialTokens = specialTokens,
        });
    }
}
