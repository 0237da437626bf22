using System.Globalization;

namespace Gateway.Intent.Featurization;

/// <summary>
/// Lower-cased words: maximal runs of Unicode letters, digits and combining marks, so "Lön", "VPN's" and
/// "NW-2024-118734" split the same way in every language. Digits may read as 0 (see <see cref="FeaturizerSettings"/>).
/// </summary>
internal static class WordTokenizer
{
    /// <summary>Normalised characters of the text and the (start, length) of each word in them, up to <paramref name="maxWords"/>.</summary>
    public static (char[] Chars, List<(int Start, int Length)> Words) Split(string text, bool digitsAsZero, int maxWords)
    {
        var chars = new char[text.Length];
        var words = new List<(int, int)>();
        int start = -1;
        for (int i = 0; i <= text.Length && words.Count < maxWords; i++)
        {
            bool inWord = i < text.Length && IsWordChar(text[i]);
            if (inWord)
            {
                chars[i] = digitsAsZero && char.IsDigit(text[i]) ? '0' : char.ToLowerInvariant(text[i]);
                if (start < 0)
                {
                    start = i;
                }
            }
            else if (start >= 0)
            {
                words.Add((start, i - start));
                start = -1;
            }
        }

        return (chars, words);
    }

    public static int CountWords(string text) => Split(text, digitsAsZero: false, int.MaxValue).Words.Count;

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
