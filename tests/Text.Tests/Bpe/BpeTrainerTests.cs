using System.Security.Cryptography;
using Gateway.Text.Bpe;

namespace Gateway.Text.Tests.Bpe;

public sealed class BpeTrainerTests
{
    private static readonly BpeTrainingOptions Options1024 = new() { VocabSize = 1024 };

    [Fact]
    public void Train_SmallCorpusVocab1024_ReachesVocabSizeWithOneTokenPerNewMerge()
    {
        var tokenizer = BpeTrainer.Train(TrainingCorpus.Generate(200_000), Options1024);

        Assert.Equal(1024, tokenizer.VocabSize);
        Assert.Equal(1024, tokenizer.Vocab.Count);
        Assert.Equal(["<|endoftext|>", "<|im_start|>", "<|im_end|>"], tokenizer.Tokens.Take(3));
        Assert.Equal(ByteLevelAlphabet.Symbols.Select(c => c.ToString()), tokenizer.Tokens.Skip(3).Take(256));

        // Every merge yields a token; a merge may rarely re-spell an existing token (then ids are shared),
        // so the distinct results, not the merge count, must equal vocab - bytes - specials.
        var distinctResults = tokenizer.Merges.Select(m => m.Left + m.Right).Distinct().Count();
        Assert.Equal(1024 - 256 - 3, distinctResults);
        Assert.True(tokenizer.Merges.Count >= distinctResults);
    }

    [Fact]
    public void Train_MergeOrder_EachMergeUsesOnlyEarlierTokens()
    {
        var tokenizer = BpeTrainer.Train(TrainingCorpus.Generate(50_000), new BpeTrainingOptions { VocabSize = 600 });

        for (var rank = 0; rank < tokenizer.Merges.Count; rank++)
        {
            var merge = tokenizer.Merges[rank];
            var mergedId = tokenizer.Vocab[merge.Left + merge.Right];
            Assert.True(tokenizer.Vocab[merge.Left] < mergedId && tokenizer.Vocab[merge.Right] < mergedId, $"merge {rank}");
        }
    }

    [Fact]
    public void Train_SameInputTwice_WritesByteIdenticalFiles()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        BpeTrainer.Train(TrainingCorpus.Generate(200_000), Options1024).Save(first.Path);
        BpeTrainer.Train(TrainingCorpus.Generate(200_000), Options1024).Save(second.Path);

        foreach (var file in new[] { TokenizerFiles.TokenizerJson, TokenizerFiles.TokenizerConfigJson })
        {
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(first.Combine(file))), SHA256.HashData(File.ReadAllBytes(second.Combine(file))));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Train_AnyMinFrequency_MatchesNaiveRecountingReference(int minFrequency)
    {
        // Repetitive runs ("aaaa", "abab") exercise overlapping pairs, the tricky case for incremental counts.
        var texts = TrainingCorpus.Generate(20_000, seed: 9).Append("aaaa aaaaa abab ababab \n\n\n  x").ToList();
        var options = new BpeTrainingOptions { VocabSize = 700, MinFrequency = minFrequency };

        var expected = NaiveBpeReference.Train(texts, options);
        var actual = BpeTrainer.Train(texts, options).Merges;

        Assert.True(expected.Count > 150, $"reference made only {expected.Count} merges");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Train_MostFrequentPair_IsMergedFirst()
    {
        var tokenizer = BpeTrainer.Train(["aaab aab ab ab xy"], new BpeTrainingOptions { VocabSize = 300, MinFrequency = 1 });

        // Pairs: (a,b) x4 beats (a,a) x3 and (Ġ,a) x3.
        Assert.Equal(new BpeMerge("a", "b"), tokenizer.Merges[0]);
    }

    [Fact]
    public void Train_NoPairReachesMinFrequency_StopsEarly()
    {
        var tokenizer = BpeTrainer.Train(["abcdef ghijk"], new BpeTrainingOptions { VocabSize = 1000, MinFrequency = 2 });

        Assert.Empty(tokenizer.Merges);
        Assert.Equal(256 + 3, tokenizer.VocabSize);
    }

    [Fact]
    public void Train_SpecialTokensInText_AreNotLearnedAsMerges()
    {
        var texts = Enumerable.Repeat("<|im_start|>user\nhi<|im_end|>\n", 200);

        var tokenizer = BpeTrainer.Train(texts, new BpeTrainingOptions { VocabSize = 400 });

        Assert.DoesNotContain(tokenizer.Tokens.Skip(3), token => token.Contains("im_", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_WithProgress_ReportsUpToTarget()
    {
        var reports = new List<BpeTrainingProgress>();
        var progress = new SynchronousProgress<BpeTrainingProgress>(reports.Add);

        BpeTrainer.Train(TrainingCorpus.Generate(50_000), new BpeTrainingOptions { VocabSize = 500 }, progress);

        Assert.NotEmpty(reports);
        Assert.Equal(new BpeTrainingProgress(500 - 259, 500 - 259), reports[^1]);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.MergesDone <= p.Second.MergesDone));
    }

    [Theory]
    [InlineData(299)]
    [InlineData(65537)]
    public void Train_VocabSizeOutOfRange_Throws(int vocabSize)
    {
        Assert.Throws<ArgumentException>(() => BpeTrainer.Train(["x"], new BpeTrainingOptions { VocabSize = vocabSize }));
    }

    [Fact]
    public void Train_DuplicateSpecialToken_Throws()
    {
        var options = new BpeTrainingOptions { SpecialTokens = ["<|a|>", "<|a|>"] };

        Assert.Throws<ArgumentException>(() => BpeTrainer.Train(["x"], options));
    }

    // Progress<T> posts to the thread pool; tests need the reports in order and complete on return.
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
