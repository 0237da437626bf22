using System.Text.RegularExpressions;

namespace Gateway.Text.Bpe;

/// <summary>The pre-tokenization split used by Qwen2 and Llama 3 before byte-level BPE.</summary>
public static partial class ByteLevelPreTokenizer
{
    /// <summary>
    /// Contractions, letter runs with one optional leading non-letter, single digits, punctuation runs,
    /// newline runs and whitespace runs; BPE merges never cross the boundaries it produces.
    /// </summary>
    public const string Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    public static partial Regex Regex();
}
