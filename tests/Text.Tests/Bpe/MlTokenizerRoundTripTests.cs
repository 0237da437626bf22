using System.Text;
using Microsoft.ML.Tokenizers;

namespace Gateway.Text.Tests.Bpe;

/// <summary>The saved files, read by Microsoft.ML.Tokenizers, must reproduce any text exactly.</summary>
public sealed class MlTokenizerRoundTripTests(TrainedTokenizerFixture fixture) : IClassFixture<TrainedTokenizerFixture>
{
    private readonly BpeTokenizer _tokenizer = fixture.Tokenizer;

    public static TheoryData<string> UnicodeSamples => new()
    {
        "The headset needs a firmware update.",
        "Café, naïve façade, Ærøskøbing, ß, İstanbul",
        "中文分词测试，日本語のテキスト、한국어 문장",
        "👩‍👩‍👧‍👦 family, 👍🏽 thumbs, 🏳️‍🌈 flag, 🧑🏿‍💻 coder",
        "e\u0301 a\u0308 o\u0302\u0323 Z\u0336\u0353",
        "שלום עולם — مرحبا بالعالم \u200Fmixed\u200E",
        "ctrl:\u0000\u0001\u0007\u001b[0m\u007f\u0085\u00ad end",
        "  leading   runs\t\ttabs\n\n\nnewlines\r\n  \r\n trailing   ",
        "𝐀𝐁𝐂 𐐷𐐸 𝔘𝔫𝔦 \U0001F600\U0001F601 \U000E0041",
        "it's they're we'VE I'M you'll he'D",
        "1234567890 3.14159 -42 1e10",
        "",
        " ",
        "\n",
    };

    [Theory]
    [MemberData(nameof(UnicodeSamples))]
    public void EncodeDecode_UnicodeSample_ReturnsOriginalText(string text)
    {
        var ids = _tokenizer.EncodeToIds(text);

        Assert.Equal(text, _tokenizer.Decode(ids));
    }

    [Fact]
    public void EncodeDecode_RandomScalarValuesFromAllPlanes_ReturnOriginalText()
    {
        var random = new Random(1234);
        for (var sample = 0; sample < 300; sample++)
        {
            var text = RandomText(random, random.Next(1, 40));

            var ids = _tokenizer.EncodeToIds(text);

            Assert.True(text == _tokenizer.Decode(ids), $"sample {sample}: {Escape(text)}");
        }
    }

    [Fact]
    public void EncodeToIds_SpecialTokensInText_MapToTheirSingleIds()
    {
        const string text = "<|im_start|>user\nHello<|im_end|>\n<|endoftext|>";

        var ids = _tokenizer.EncodeToIds(text);

        Assert.Equal(1, ids[0]);
        Assert.Contains(2, ids);
        Assert.Equal(0, ids[^1]);
        Assert.Equal(3, ids.Count(id => id < 3));
        Assert.Equal(text, _tokenizer.Decode(ids));
    }

    [Theory]
    [InlineData(" headset")]
    [InlineData(" the corporate network")]
    [InlineData("The leave policy describes annual leave requests.")]
    public void EncodeToIds_TrainingText_UsesFewerTokensThanBytes(string text)
    {
        var ids = _tokenizer.EncodeToIds(text);

        Assert.True(ids.Count * 2 <= Encoding.UTF8.GetByteCount(text), $"{ids.Count} tokens for '{text}'");
    }

    [Fact]
    public void EncodeToIds_CommonWord_IsOneToken()
    {
        var ids = _tokenizer.EncodeToIds(" headset");

        Assert.Equal([fixture.Trained.Vocab["Ġheadset"]], ids);
    }

    // Valid Unicode scalar values only (no lone surrogates), mixed with spaces and newlines so the
    // pre-tokenizer's whitespace rules are exercised too.
    private static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var pick = random.Next(10);
            int scalar = pick switch
            {
                0 => ' ',
                1 => '\n',
                2 => random.Next(0x20, 0x7F),
                3 => random.Next(0x80, 0x800),
                4 => random.Next(0x800, 0xD800),
                5 => random.Next(0xE000, 0x10000),
                _ => random.Next(0x10000, 0x110000),
            };
            builder.Append(char.ConvertFromUtf32(scalar));
        }

        return builder.ToString();
    }

    private static string Escape(string text) => string.Concat(text.EnumerateRunes().Select(r => $"U+{r.Value:X4} "));
}
