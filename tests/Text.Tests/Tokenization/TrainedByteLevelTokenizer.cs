using Gateway.Text.Bpe;
using Gateway.Text.Tokenization;

namespace Gateway.Text.Tests.Tokenization;

/// <summary>A small byte-level BPE trained with ModelKit's BpeTrainer, saved as tokenizer files and loaded back.</summary>
internal static class TrainedByteLevelTokenizer
{
    private static readonly Lazy<(ITextTokenizer Tokenizer, TokenizerDescription Description)> Loaded = new(Train);

    public static ITextTokenizer Tokenizer => Loaded.Value.Tokenizer;

    public static TokenizerDescription Description => Loaded.Value.Description;

    private static (ITextTokenizer, TokenizerDescription) Train()
    {
        string[] sentences =
        [
            "The printer needs a firmware update before it connects to the network.",
            "Please reset your password every ninety days; contact IT if it fails.",
            "Les cong\u00e9s annuels sont approuv\u00e9s par votre responsable.",
            "\u4f1a\u8bae\u5ba4\u7684\u6295\u5f71\u4eea\u9700\u8981\u66f4\u65b0\u3002",
            "Emoji status: \U0001F44D done, \U0001F6A7 in progress, \U0001F525 urgent!",
        ];
        var corpus = Enumerable.Range(0, 200).Select(i => sentences[i % sentences.Length] + $" Ticket #{i * 37 % 1000}.\n");
        var trained = BpeTrainer.Train(corpus, new BpeTrainingOptions { VocabSize = 600 });
        using var directory = new TemporaryDirectory();
        trained.Save(directory.Path);
        return (TokenizerLoader.Load(directory.Path), TokenizerFiles.Load(directory.Path));
    }
}
