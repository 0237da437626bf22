using Gateway.Inference.Batching;
using static Gateway.Inference.Tests.Batching.FakeKvGraph;

namespace Gateway.Inference.Tests.Batching;

public class BatchCacheTests
{
    private static readonly Predicate<Sequence> Done = static s => s.Done;

    [Fact]
    public void Start_RightAlignsThePlannedRows_AndAppendFillsThemChunkByChunk()
    {
        var cache = NewCache();
        Sequence shorter = Sequence(1, 3), longer = Sequence(2, 5);

        cache.Start([shorter, longer], static s => s.Request.PromptTokens.Count);
        Assert.Equal((0, 5, 2, 0), (cache.Length, cache.Unfilled, cache.PaddingOf(0), cache.PaddingOf(1)));

        Step(cache, 2);
        Assert.Equal((2, 3, 0, 2), (cache.Length, cache.Unfilled, cache.TokensIn(0), cache.TokensIn(1)));

        Step(cache, 3);
        Assert.Equal((5, 0, 3, 5), (cache.Length, cache.Unfilled, cache.TokensIn(0), cache.TokensIn(1)));
        Assert.Equal([shorter, longer], cache.Rows);
        AssertRowHolds(cache, 0, 3);
        AssertRowHolds(cache, 1, 5);
    }

    [Fact]
    public void Next_BindsTheCacheAsPastAndTheSpareAsPresent_AppendSwapsThemWithoutCopying()
    {
        var cache = NewCache();
        cache.Start([Sequence(1, 4), Sequence(2, 4)], static s => s.Request.PromptTokens.Count);

        var first = cache.Next(4);
        cache.Append(4);
        var second = cache.Next(1);

        Assert.Equal((0, 4), (first.PastLength, first.PresentLength));
        Assert.Equal((4, 5), (second.PastLength, second.PresentLength));
        Assert.Same(first.Present, second.Past);
        Assert.Same(first.Past, second.Present);
        Assert.True(second.Present.CapacityBytes >= KvBufferSet.BytesFor(2, 5, KvHeads, HeadDim, 1));
    }

    [Fact]
    public void FillAttentionMaskAndPositionIds_HidePaddingAndCountEachRowsOwnTokens()
    {
        var cache = NewCache();
        cache.Start([Sequence(1, 3), Sequence(2, 5)], static s => s.Request.PromptTokens.Count);
        Step(cache, 1);
        var mask = new long[2 * 3];
        var positions = new long[2 * 2];

        cache.FillAttentionMask(mask, 2);
        cache.FillPositionIds(positions, 2);

        // Row 0 has two padding positions: the first new one is padding too, the second its token 0.
        Assert.Equal([0, 0, 1, 1, 1, 1], mask);
        Assert.Equal([0, 0, 1, 2], positions);
    }

    [Fact]
    public void Regroup_JoinsPrefilledRows_AtTheirTokensAndEmptiesTheNewcomers()
    {
        var (batch, newcomers) = (NewCache(), NewCache());
        Sequence a = Sequence(1, 3), b = Sequence(2, 5);
        Prefill(newcomers, a, b);

        Assert.True(batch.Regroup(Done, newcomers));

        Assert.Equal([a, b], batch.Rows);
        Assert.Equal(5, batch.Length);
        AssertRowHolds(batch, 0, 3);
        AssertRowHolds(batch, 1, 5);
        Assert.Equal((0, 0), (newcomers.Count, newcomers.Length));
    }

    [Fact]
    public void Regroup_WhenTheLongestRowLeaves_CompactsInOrderAndDropsPaddingNoRowNeeds()
    {
        var batch = NewCache();
        Sequence a = Sequence(1, 3), b = Sequence(2, 7), c = Sequence(3, 5);
        Join(batch, a, b, c);
        Step(batch, 2);

        b.Cancel();
        Assert.True(batch.Regroup(Done));

        Assert.Equal([a, c], batch.Rows);
        Assert.Equal(7, batch.Length);
        AssertRowHolds(batch, 0, 5);
        AssertRowHolds(batch, 1, 7);
    }

    [Fact]
    public void Regroup_LeavingAndJoiningAtOnce_KeepsRunningRowsFirstAndSkipsNewcomersAlreadyDone()
    {
        var (batch, newcomers) = (NewCache(), NewCache());
        Sequence a = Sequence(1, 2), b = Sequence(2, 4), d = Sequence(4, 6), e = Sequence(5, 3);
        Join(batch, a, b);
        Step(batch, 3);
        Prefill(newcomers, d, e);

        b.Cancel();
        e.Cancel();
        Assert.True(batch.Regroup(Done, newcomers));

        Assert.Equal([a, d], batch.Rows);
        Assert.Equal(6, batch.Length);
        AssertRowHolds(batch, 0, 5);
        AssertRowHolds(batch, 1, 6);
        Assert.Equal(0, newcomers.Count);
    }

    [Fact]
    public void Append_AfterRegroup_GrowsEveryRowByTheStep()
    {
        var batch = NewCache();
        Sequence a = Sequence(1, 2), b = Sequence(2, 6);
        Join(batch, a, b);

        Step(batch, 1);
        Step(batch, 1);

        Assert.Equal(8, batch.Length);
        AssertRowHolds(batch, 0, 4);
        AssertRowHolds(batch, 1, 8);
    }

    [Fact]
    public void Regroup_NobodyLeavesOrJoins_CopiesNothing()
    {
        var (batch, newcomers) = (NewCache(), NewCache());
        Join(batch, Sequence(1, 3), Sequence(2, 4));
        var before = batch.Next(1);

        Assert.False(batch.Regroup(Done, newcomers));

        Assert.Same(before.Past, batch.Next(1).Past);
        Assert.Equal((2, 4), (batch.Count, batch.Length));
    }

    [Fact]
    public void Regroup_AsksEachRowOnce_SoACancellationMidRegroupCannotSplitTheLayout()
    {
        var (batch, newcomers) = (NewCache(), NewCache());
        Join(batch, Sequence(1, 3), Sequence(2, 4));
        Prefill(newcomers, Sequence(3, 2));
        int asked = 0;

        Assert.True(batch.Regroup(_ => asked++ % 2 == 1, newcomers));

        Assert.Equal(3, asked);
        Assert.Equal([1, 3], batch.Rows.Select(s => s.Request.PromptTokens[0]));
        AssertRowHolds(batch, 0, 3);
        AssertRowHolds(batch, 1, 2);
    }

    [Fact]
    public void Clear_ForgetsEveryRow()
    {
        var batch = NewCache();
        Join(batch, Sequence(1, 3));

        batch.Clear();

        Assert.Equal((0, 0, 0), (batch.Count, batch.Length, batch.Unfilled));
    }

    /// <summary>Prefills the sequences' prompts into <paramref name="newcomers"/> in chunks of 2, as the scheduler does in chunks of 256.</summary>
    private static void Prefill(BatchCache newcomers, params Sequence[] sequences)
    {
        newcomers.Start(sequences, static s => s.Request.PromptTokens.Count);
        while (newcomers.Unfilled > 0)
        {
            Step(newcomers, Math.Min(2, newcomers.Unfilled));
        }
    }

    private static void Join(BatchCache batch, params Sequence[] sequences)
    {
        var newcomers = NewCache();
        Prefill(newcomers, sequences);
        Assert.True(batch.Regroup(Done, newcomers));
    }
}
