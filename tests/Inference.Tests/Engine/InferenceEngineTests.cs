using Gateway.Inference.Batching;
using Gateway.Inference.Generation;

namespace Gateway.Inference.Tests.Engine;

public class InferenceEngineTests
{
    [Fact]
    public async Task Greedy_EqualsPlainOrtLoopFor32Tokens()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp32);
        int[] prompt = EngineFixture.Prompt(9, 1);

        var result = await engine.GenerateCompleteAsync(EngineFixture.Greedy(prompt, 32));

        var expected = EngineFixture.PlainOrtGreedy(TestPackages.TinyFp32, prompt, 32);
        Assert.Equal(expected.Select(t => (int)t), result.Tokens);
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(new GenerationUsage(9, 32), result.Usage);
        Assert.Equal(string.Concat(expected.Select(t => $"[{t}]")), result.Text);
    }

    [Fact]
    public async Task Greedy_Fp16Package_EqualsPlainOrtLoop()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp16);
        int[] prompt = EngineFixture.Prompt(6, 2);

        var result = await engine.GenerateCompleteAsync(EngineFixture.Greedy(prompt, 16));

        Assert.Equal(EngineFixture.PlainOrtGreedy(TestPackages.TinyFp16, prompt, 16, fp16: true).Select(t => (int)t), result.Tokens);
    }

    [Fact]
    public async Task EightConcurrentGreedyRequests_EachEqualsItsOutputAlone()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp32, maxBatch: 8);
        var prompts = Enumerable.Range(0, 8).Select(i => EngineFixture.Prompt(3 + (i * 5), i)).ToArray();
        var alone = new List<IReadOnlyList<int>>();
        foreach (var prompt in prompts)
        {
            alone.Add((await engine.GenerateCompleteAsync(EngineFixture.Greedy(prompt, 40 + prompt.Length))).Tokens);
        }

        // Half start together (they share the first batch); the rest arrive staggered and join it mid-stream.
        var together = await Task.WhenAll(prompts.Select(async (prompt, i) =>
        {
            await Task.Delay(Math.Max(0, i - 3) * 3);
            return (await engine.GenerateCompleteAsync(EngineFixture.Greedy(prompt, 40 + prompt.Length))).Tokens;
        }));

        for (int i = 0; i < prompts.Length; i++)
        {
            Assert.Equal(alone[i], together[i]);
        }

        Assert.True(engine.PeakActiveSequences >= 4, $"the requests never shared a batch (peak {engine.PeakActiveSequences})");
    }

    [Fact]
    public async Task LongPrompts_PrefilledInChunks_EqualThePlainLoopAndEachOtherAlone()
    {
        // 600 and 300 tokens: more than two prefill chunks, left-padded together in one batch.
        int[] longer = EngineFixture.Prompt(600, 12), shorter = EngineFixture.Prompt(300, 13);
        Assert.True(longer.Length > 2 * BatchScheduler.PrefillChunk);
        using var engine = EngineFixture.Load(TestPackages.TinyLongContext);

        var together = await Task.WhenAll(
            engine.GenerateCompleteAsync(EngineFixture.Greedy(longer, 12) with { IgnoreEos = true }),
            engine.GenerateCompleteAsync(EngineFixture.Greedy(shorter, 12) with { IgnoreEos = true }));

        Assert.Equal(EngineFixture.PlainOrtGreedy(TestPackages.TinyLongContext, longer, 12).Select(t => (int)t), together[0].Tokens);
        Assert.Equal(EngineFixture.PlainOrtGreedy(TestPackages.TinyLongContext, shorter, 12).Select(t => (int)t), together[1].Tokens);
    }

    [Fact]
    public async Task SeededSampling_IsReproducibleAndSeedSensitive()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp32);
        int[] prompt = EngineFixture.Prompt(5, 3);
        GenerationRequest Sampled(long seed) => new()
        {
            PromptTokens = prompt, MaxTokens = 24,
            Sampling = new SamplingOptions { Temperature = 1.5f, TopP = 0.95f, TopK = 50, Seed = seed },
        };

        var first = await engine.GenerateCompleteAsync(Sampled(42));
        var again = await engine.GenerateCompleteAsync(Sampled(42));
        var other = await engine.GenerateCompleteAsync(Sampled(7));

        Assert.Equal(first.Tokens, again.Tokens);
        Assert.NotEqual(first.Tokens, other.Tokens);
    }

    [Fact]
    public async Task EosToken_EndsWithStopAndIsNotInTheText()
    {
        int[] prompt = EngineFixture.Prompt(7, 4);
        var free = EngineFixture.PlainOrtGreedy(TestPackages.TinyFp32, prompt, 10);
        using var engine = EngineFixture.Load(TestPackages.TinyFp32, eos: [(int)free[4]]);

        var result = await engine.GenerateCompleteAsync(EngineFixture.Greedy(prompt, 10));

        int firstEos = free.ToList().IndexOf(free[4]);
        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.Equal(firstEos + 1, result.Tokens.Count);
        Assert.DoesNotContain($"[{free[4]}]", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopString_EndsGenerationBeforeTheMatch()
    {
        int[] prompt = EngineFixture.Prompt(7, 5);
        var free = EngineFixture.PlainOrtGreedy(TestPackages.TinyFp32, prompt, 12);
        using var engine = EngineFixture.Load(TestPackages.TinyFp32);
        string stop = $"[{free[5]}][{free[6]}]";

        var result = await engine.GenerateCompleteAsync(EngineFixture.Greedy(prompt, 12) with { Stop = [stop] });

        string full = string.Concat(free.Select(t => $"[{t}]"));
        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.Equal(full[..full.IndexOf(stop, StringComparison.Ordinal)], result.Text);
    }

    [Fact]
    public async Task PromptFillingTheContext_IsRefusedWithATypedError()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp32);
        var error = Assert.Throws<ContextLengthExceededException>(() => engine.GenerateAsync(EngineFixture.Greedy(EngineFixture.Prompt(256, 0), 5)));
        Assert.Equal(256, error.ContextLength);

        var nearlyFull = await engine.GenerateCompleteAsync(EngineFixture.Greedy(EngineFixture.Prompt(250, 0), 100));
        Assert.Equal(6, nearlyFull.Tokens.Count);
        Assert.Equal(FinishReason.Length, nearlyFull.FinishReason);
    }

    [Fact]
    public async Task Cancellation_FreesTheOnlySlotForTheNextRequest()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp32, maxBatch: 1);
        using var cts = new CancellationTokenSource();
        var tokens = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in engine.GenerateAsync(EngineFixture.Greedy(EngineFixture.Prompt(4, 6), 240), cts.Token))
            {
                if (++tokens == 3)
                {
                    await cts.CancelAsync();
                }
            }
        });

        var next = await engine.GenerateCompleteAsync(EngineFixture.Greedy(EngineFixture.Prompt(4, 7), 4)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(4, next.Tokens.Count);
        Assert.Equal(0, engine.ActiveSequences);
    }

    [Fact]
    public async Task CancellingTheMiddleRowOfARunningBatch_LeavesTheOthersOutputsUnchanged()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp32);
        int[] first = EngineFixture.Prompt(5, 14), middle = EngineFixture.Prompt(17, 15), last = EngineFixture.Prompt(9, 16);
        var alone = new[]
        {
            (await engine.GenerateCompleteAsync(EngineFixture.Greedy(first, 60))).Tokens,
            (await engine.GenerateCompleteAsync(EngineFixture.Greedy(last, 60))).Tokens,
        };

        using var cts = new CancellationTokenSource();
        // Submitted in this order (GenerateAsync queues at once), so the middle one holds the middle row.
        var firstRun = engine.GenerateCompleteAsync(EngineFixture.Greedy(first, 60));
        var middleStream = engine.GenerateAsync(EngineFixture.Greedy(middle, 200) with { IgnoreEos = true }, cts.Token);
        var lastRun = engine.GenerateCompleteAsync(EngineFixture.Greedy(last, 60));
        var middleRun = Task.Run(async () =>
        {
            int tokens = 0;
            await foreach (var update in middleStream)
            {
                if (++tokens == 5)
                {
                    await cts.CancelAsync();
                }
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => middleRun);
        Assert.Equal(alone[0], (await firstRun).Tokens);
        Assert.Equal(alone[1], (await lastRun).Tokens);
        Assert.True(engine.PeakActiveSequences >= 2, $"the requests never shared a batch (peak {engine.PeakActiveSequences})");
    }

    [Fact]
    public async Task FullQueue_RefusesWithOverloaded()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyLongContext, maxBatch: 1, maxQueue: 1);
        var running = engine.GenerateCompleteAsync(EngineFixture.Greedy(EngineFixture.Prompt(4, 8), 3000) with { IgnoreEos = true });
        await WaitUntil(() => engine.ActiveSequences == 1);
        var waiting = engine.GenerateCompleteAsync(EngineFixture.Greedy(EngineFixture.Prompt(4, 9), 2));

        Assert.Throws<EngineOverloadedException>(() => engine.GenerateAsync(EngineFixture.Greedy(EngineFixture.Prompt(4, 10), 2)));
        Assert.Equal(3000, (await running).Tokens.Count);
        Assert.Equal(2, (await waiting).Tokens.Count);
    }

    [Fact]
    public async Task Logprobs_ChosenGreedyTokenIsTheMostLikelyAlternative()
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp32);

        var result = await engine.GenerateCompleteAsync(EngineFixture.Greedy(EngineFixture.Prompt(5, 11), 6) with { TopLogprobs = 5 });

        Assert.Equal(6, result.Logprobs.Count);
        foreach (var logprob in result.Logprobs)
        {
            Assert.Equal(5, logprob.Top.Count);
            Assert.Equal(logprob.TokenId, logprob.Top[0].TokenId);
            Assert.Equal(logprob.Logprob, logprob.Top[0].Logprob, 5);
            Assert.True(logprob.Top.Sum(t => Math.Exp(t.Logprob)) <= 1.0001);
            Assert.True(logprob.Top.Zip(logprob.Top.Skip(1)).All(p => p.First.Logprob >= p.Second.Logprob));
        }
    }

    [Theory]
    [InlineData(3f, 1f, "temperature")]
    [InlineData(1f, 0f, "top_p")]
    public void OutOfRangeSampling_IsRefusedNamingTheParameter(float temperature, float topP, string parameter)
    {
        using var engine = EngineFixture.Load(TestPackages.TinyFp32);
        var request = EngineFixture.Greedy([5, 6], 2) with { Sampling = new SamplingOptions { Temperature = temperature, TopP = topP } };

        var error = Assert.Throws<InvalidGenerationRequestException>(() => engine.GenerateAsync(request));
        Assert.Equal(parameter, error.Parameter);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
