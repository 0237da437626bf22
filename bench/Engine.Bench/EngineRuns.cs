using System.Diagnostics;
using Gateway.Inference;
using Gateway.Inference.Generation;

namespace Gateway.Bench.Engine;

/// <summary>One stream's tokens and the Stopwatch timestamp at which each one reached the reader.</summary>
internal sealed record StreamResult(int[] Tokens, long[] Stamps, long Started)
{
    /// <summary>Mean time between consecutive tokens: decode steps only, prefill excluded.</summary>
    public double InterTokenMs => Tokens.Length < 2 ? double.NaN
        : Stopwatch.GetElapsedTime(Stamps[0], Stamps[^1]).TotalMilliseconds / (Tokens.Length - 1);
}

internal static class EngineRuns
{
    public static GenerationRequest Request(IReadOnlyList<int> prompt, int tokens) => new()
    {
        PromptTokens = prompt, MaxTokens = tokens, Sampling = SamplingOptions.Greedy, IgnoreEos = true,
    };

    /// <summary>Reads one already-submitted stream to its end, stamping each token as it arrives.</summary>
    public static async Task<StreamResult> Consume(IAsyncEnumerable<GenerationUpdate> stream, int expected, long started)
    {
        var tokens = new int[expected];
        var stamps = new long[expected];
        int n = 0;
        await foreach (var update in stream.ConfigureAwait(false))
        {
            if (update.TokenId is int token)
            {
                stamps[n] = Stopwatch.GetTimestamp();
                tokens[n++] = token;
            }
        }

        if (n != expected)
        {
            throw new InvalidOperationException($"the engine produced {n} tokens, {expected} were asked for");
        }

        return new StreamResult(tokens, stamps, started);
    }

    public static StreamResult Single(InferenceEngine engine, IReadOnlyList<int> prompt, int tokens)
    {
        long started = Stopwatch.GetTimestamp();
        var stream = engine.GenerateAsync(Request(prompt, tokens));
        return Consume(stream, tokens, started).GetAwaiter().GetResult();
    }

    /// <summary>Submits every prompt at once (GenerateAsync queues synchronously), then reads all streams concurrently.</summary>
    public static (StreamResult[] Streams, double Seconds) Concurrent(InferenceEngine engine, IReadOnlyList<int[]> prompts, int tokens)
    {
        long started = Stopwatch.GetTimestamp();
        var streams = prompts.Select(p => engine.GenerateAsync(Request(p, tokens))).ToList();
        var tasks = streams.Select(s => Task.Run(() => Consume(s, tokens, started))).ToArray();
        var results = Task.WhenAll(tasks).GetAwaiter().GetResult();
        return (results, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
