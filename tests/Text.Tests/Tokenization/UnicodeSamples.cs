using System.Text;

namespace Gateway.Text.Tests.Tokenization;

/// <summary>Texts that stress tokenizers: every script class, multi-code-point emoji, controls, odd whitespace.</summary>
internal static class UnicodeSamples
{
    public static readonly string[] Named =
    [
        "",
        "Hello world",
        "The quick brown fox jumps over the lazy dog. 1234567890 + 3.14159 = ?!",
        "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00e0 la cr\u00e8me br\u00fbl\u00e9e, \u00c5ngstr\u00f6m, Stra\u00dfe",
        "\u4f60\u597d\uff0c\u4e16\u754c\uff01\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3068\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8",
        "\U0001F600\U0001F44D\U0001F3FD \U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 \U0001F3F3\uFE0F\u200D\U0001F308 \U0001F1FA\U0001F1F8",
        "e\u0301 a\u0308 n\u0303 Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324 \u0915\u094d\u0937",
        "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u200F\u202Bmixed\u202C",
        "tab\there\r\nnew\u000bline\u0000nul\u0007bell\u001b[0m\u007f\u0085\u2028\u2029",
        "   leading\n\n\n   \t  runs  of   whitespace\u00a0\u2003\u3000  ",
        "\ud835\udd73\ud835\udd8a\ud835\udd91\ud835\udd91\ud835\udd94 \U00020000\U0002A6D6 \U000E0041 \U0010FFFD",
        "def f(x):\n    return {'a': [1, 2, 3], \"b\": x ** 2}  # comment\n",
        "<|not_special|> <|im_star [INST] \\n \\u0000",
    ];

    /// <summary>Seeded strings of Unicode scalar values from every plane, biased toward the BMP and emoji.</summary>
    public static IEnumerable<string> Random(int count, int seed, Func<int, bool>? exclude = null)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var builder = new StringBuilder();
            var length = random.Next(1, 40);
            while (builder.Length < length)
            {
                var codePoint = random.Next(4) switch
                {
                    0 => random.Next(0x20, 0x80),
                    1 => random.Next(0, 0x10000),
                    2 => random.Next(0x1F300, 0x1FAFF),
                    _ => random.Next(0, 0x110000),
                };
                if (!Rune.IsValid(codePoint) || (exclude?.Invoke(codePoint) ?? false))
                {
                    continue;
                }

                builder.Append(new Rune(codePoint).ToString());
            }

            yield return builder.ToString();
        }
    }
}
