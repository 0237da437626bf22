using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Gateway.Text.Tests.Tokenization;

/// <summary>Runs alone (not beside tests that load 150k-token vocabularies) so that timings mean something.</summary>
[CollectionDefinition(nameof(EncodeSpeedTests), DisableParallelization = true)]
public sealed class EncodeSpeedCollection;

/// <summary>
/// Encoding cost grows linearly with the text, checked as a ratio of two timings in the same run (a busy, shared
/// machine slows both alike) rather than against a wall-clock budget: ten times the text may cost at most
/// <see cref="MaxRatioForTenTimesTheText"/> times as long (linear is 10, quadratic 100).
/// </summary>
[Collection(nameof(EncodeSpeedTests))]
public sealed class EncodeSpeedTests(ITestOutputHelper output)
{
    private const double MaxRatioForTenTimesTheText = 35;

    public static TheoryData<string> Tokenizers => TestTokenizers.All;

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Encode_TwentyThousandCharPrompt_CostsLinearlyInItsLength(string name)
    {
        var tokenizer = TestTokenizers.Get(name);
        tokenizer.Encode(Prompt(seed: 1, 20_000)); // JIT and a warm word cache, as on a running server
        // Different made-up words each time, so many are not cached yet.
        double small = BestOfThree(seed => tokenizer.Encode(Prompt(seed, 2_000)).Count);
        double large = BestOfThree(seed => tokenizer.Encode(Prompt(seed + 10, 20_000)).Count);

        output.WriteLine($"{name}: 2,000 chars in {small:F2} ms, 20,000 chars in {large:F2} ms ({large / small:F1}x)");
        Assert.InRange(large / small, 0, MaxRatioForTenTimesTheText);
    }

    [Theory]
    [MemberData(nameof(Tokenizers))]
    public void Encode_TwentyThousandCharsWithoutWhitespace_StaysLinear(string name)
    {
        // One giant pre-token (a pasted base64 blob) must not make BPE quadratic.
        var tokenizer = TestTokenizers.Get(name);
        var random = new Random(5);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var blob = string.Concat(Enumerable.Range(0, 20_000).Select(_ => alphabet[random.Next(alphabet.Length)]));
        tokenizer.Encode(blob[..1000]);

        double small = BestOfThree(_ => tokenizer.Encode(blob[..2_000]).Count);
        double large = BestOfThree(_ => tokenizer.Encode(blob).Count);
        var ids = tokenizer.Encode(blob);

        output.WriteLine($"{name}: 2,000 letters in {small:F2} ms, {blob.Length} letters -> {ids.Count} ids in {large:F2} ms ({large / small:F1}x)");
        Assert.Equal(blob, tokenizer.Decode(ids));
        Assert.InRange(large / small, 0, MaxRatioForTenTimesTheText);
    }

    /// <summary>The fastest of three timed runs, in milliseconds (seeds 2, 3, 4).</summary>
    private static double BestOfThree(Func<int, int> encode)
    {
        var best = double.MaxValue;
        for (var seed = 2; seed < 5; seed++)
        {
            var clock = Stopwatch.StartNew();
            encode(seed);
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    // English prose with code, CJK, emoji and random made-up words; no whitespace-free megaword.
    private static string Prompt(int seed, int length)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(UnicodeSamples.Named[random.Next(UnicodeSamples.Named.Length)]).Append(' ');
            for (var i = 0; i < 8; i++)
            {
                var wordLength = random.Next(2, 10);
                for (var c = 0; c < wordLength; c++)
                {
                    text.Append((char)random.Next('a', 'z' + 1));
                }

                text.Append(' ');
            }
        }

        return text.ToString(0, length);
    }
}
