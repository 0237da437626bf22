using System.Runtime.CompilerServices;
using Gateway.Inference.Batching;
using Gateway.Inference.Generation;
using Gateway.Inference.Models;
using Gateway.Text.Tokenization;

namespace Gateway.Inference;

/// <summary>
/// One loaded model package served with continuous batching: submit a tokenized prompt, read the
/// tokens as they come. Non-streaming callers collect the same stream. Thread-safe.
/// </summary>
public sealed class InferenceEngine : IDisposable
{
    private readonly BatchScheduler _scheduler;

    private InferenceEngine(DecoderModel model, ITextTokenizer tokenizer, EngineOptions options, TimeProvider clock, string department)
    {
        Model = model;
        Tokenizer = tokenizer;
        Options = options;
        _scheduler = new BatchScheduler(model, tokenizer, options, clock, department);
    }

    public DecoderModel Model { get; }
    public ITextTokenizer Tokenizer { get; }
    public EngineOptions Options { get; }
    public EngineMetrics Metrics => _scheduler.Metrics;
    public int QueuedRequests => _scheduler.Queued;
    public int ActiveSequences => _scheduler.Active;
    public int PeakActiveSequences => _scheduler.PeakActive;

    /// <summary>Loads the package's decoder and tokenizer; throws <see cref="ModelLoadException"/> when it cannot serve it.</summary>
    public static InferenceEngine Load(EngineOptions options, string department = "general", TimeProvider? clock = null, Action<string>? warn = null)
    {
        options.Validate();
        var model = DecoderModel.Load(options, warn);
        try
        {
            return new InferenceEngine(model, TokenizerLoader.Load(options.ModelDirectory), options, clock ?? TimeProvider.System, department);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            model.Dispose();
            throw new ModelLoadException($"cannot serve '{options.ModelDirectory}': {e.Message}", e);
        }
    }

    /// <summary>Loads the package's decoder with a given tokenizer (tests, or a tokenizer shared across versions).</summary>
    public static InferenceEngine Load(EngineOptions options, ITextTokenizer tokenizer, string department = "general", TimeProvider? clock = null, Action<string>? warn = null)
    {
        options.Validate();
        var model = DecoderModel.Load(options, warn);
        return new InferenceEngine(model, tokenizer, options, clock ?? TimeProvider.System, department);
    }

    /// <summary>
    /// Streams a generation. Throws before the first update for a bad request
    /// (<see cref="InvalidGenerationRequestException"/>) or a full queue (<see cref="EngineOverloadedException"/>).
    /// Cancelling, or leaving the enumeration early, frees the sequence's batch slot at the next step.
    /// </summary>
    public IAsyncEnumerable<GenerationUpdate> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        var sequence = _scheduler.Submit(request);
        return Stream(sequence, cancellationToken);
    }

    /// <summary>The whole generation at once: the text, the tokens, why it ended and the usage.</summary>
    public async Task<GenerationResult> GenerateCompleteAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        var tokens = new List<int>();
        var logprobs = new List<TokenLogprob>();
        GenerationUpdate? last = null;
        await foreach (var update in GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            text.Append(update.Text);
            if (update.TokenId is int token)
            {
                tokens.Add(token);
            }

            if (update.Logprob is { } logprob)
            {
                logprobs.Add(logprob);
            }

            last = update;
        }

        return new GenerationResult(text.ToString(), tokens, last?.FinishReason ?? FinishReason.Stop,
            last?.Usage ?? new GenerationUsage(request.PromptTokens.Count, tokens.Count), logprobs);
    }

    public void Dispose()
    {
        _scheduler.Dispose();
        Model.Dispose();
    }

    private static async IAsyncEnumerable<GenerationUpdate> Stream(Sequence sequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(sequence.Cancel);
        try
        {
            await foreach (var update in sequence.Output.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            sequence.Cancel();
        }
    }

    private void Validate(GenerationRequest request)
    {
        request.Sampling.Validate();
        if (request.PromptTokens.Count == 0)
        {
            throw new InvalidGenerationRequestException("prompt", "the prompt is empty");
        }

        int vocab = Model.VocabSize;
        if (request.PromptTokens.Any(t => t < 0 || t >= vocab))
        {
            throw new InvalidGenerationRequestException("prompt", $"token ids must be between 0 and {vocab - 1}");
        }

        if (request.MaxTokens is < 1)
        {
            throw new InvalidGenerationRequestException("max_tokens", "'max_tokens' must be at least 1");
        }

        if (request.Stop.Count > GenerationRequest.MaxStopStrings || request.Stop.Any(string.IsNullOrEmpty))
        {
            throw new InvalidGenerationRequestException("stop", $"'stop' takes at most {GenerationRequest.MaxStopStrings} non-empty strings");
        }

        if (request.TopLogprobs is < 0 or > GenerationRequest.MaxTopLogprobs)
        {
            throw new InvalidGenerationRequestException("top_logprobs", $"'top_logprobs' must be between 0 and {GenerationRequest.MaxTopLogprobs}");
        }
    }
}

/// <summary>A finished generation, as the non-streaming API returns it.</summary>
public sealed record GenerationResult(string Text, IReadOnlyList<int> Tokens, FinishReason FinishReason, GenerationUsage Usage, IReadOnlyList<TokenLogprob> Logprobs);
