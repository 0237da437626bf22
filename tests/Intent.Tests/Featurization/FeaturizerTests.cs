using Gateway.Intent.Featurization;

namespace Gateway.Intent.Tests.Featurization;

public class FeaturizerTests
{
    private static readonly Featurizer Default = new(new FeaturizerSettings());

    [Fact]
    public void Featurize_FixedText_GivesTheRecordedBuckets()
    {
        // Recorded once: a change to tokenising, n-grams or the hash moves these and silently breaks every trained model.
        var features = Default.Featurize("VPN down");

        Assert.Equal(RecordedVpnDown, string.Join(",", features.Indices));
    }

    [Fact]
    public void Featurize_FixedText_CountsUnigramsBigramAndCharacterNgrams()
    {
        // 2 words + 1 bigram + "<vpn>" (3+2+1) + "<down>" (4+3+2) character n-grams, no collisions at 2^18 buckets.
        Assert.Equal(18, Default.Featurize("VPN down").Count);
    }

    [Fact]
    public void Featurize_NewFeaturizerInstance_GivesIdenticalFeatures()
    {
        const string text = "Mein Laptop startet nicht, NW-2024-118734 — ¿qué pasa?";

        var a = Default.Featurize(text);
        var b = new Featurizer(new FeaturizerSettings()).Featurize(text);

        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Values, b.Values);
    }

    [Fact]
    public void Featurize_AnyText_IsL2NormalisedAndSorted()
    {
        var features = Default.Featurize("my VPN keeps disconnecting, the VPN is down again");

        double norm = Math.Sqrt(features.Values.Sum(v => (double)v * v));
        Assert.Equal(1.0, norm, 5);
        Assert.Equal(features.Indices.Order(), features.Indices);
    }

    [Fact]
    public void Featurize_RepeatedWord_WeighsMoreByLogCount()
    {
        var once = Default.Featurize("vpn");
        var twice = Default.Featurize("vpn vpn");

        Assert.Equal(once.Indices.Length + 1, twice.Indices.Length); // only the bigram "vpn vpn" is new
        Assert.True(twice.Values.Max() > twice.Values.Min());
    }

    [Fact]
    public void Featurize_CaseAndDigits_AreNormalised()
    {
        var upper = Default.Featurize("Order NW-2024-118734");
        var lower = Default.Featurize("order nw-1999-000001");

        Assert.Equal(upper.Indices, lower.Indices);
    }

    [Fact]
    public void Featurize_EmptyOrPunctuationOnly_HasNoFeatures()
    {
        Assert.Equal(0, Default.Featurize("").Count);
        Assert.Equal(0, Default.Featurize(" ?! … ").Count);
    }

    [Theory]
    [InlineData("Lön för maj", 3)]
    [InlineData("naïve café-au-lait", 4)]
    [InlineData("VPN's down!!", 3)]
    public void CountWords_UnicodeText_SplitsOnNonLetters(string text, int words)
    {
        Assert.Equal(words, WordTokenizer.CountWords(text));
    }

    [Fact]
    public void Featurize_MoreWordsThanMaxWords_IgnoresTheRest()
    {
        var featurizer = new Featurizer(new FeaturizerSettings { MaxWords = 2 });

        Assert.Equal(featurizer.Featurize("vpn down").Indices, featurizer.Featurize("vpn down payslip leave").Indices);
    }

    // FNV-1a 64 over UTF-16LE of kind + "\u0001" + n-gram, mod 2^18, computed by an independent implementation.
    private const string RecordedVpnDown = "431,1144,23009,26825,29896,45425,56389,75817,100331,108701,118739,118959,119609,129691,135063,155827,172061,174775";
}
