using System.Threading.Channels;
using Gateway.Inference.Generation;
using Gateway.Inference.Sampling;
using Gateway.Text.Tokenization;

namespace Gateway.Inference.Batching;

/// <summary>One request's state while it waits for or holds a batch slot. Only the scheduler thread mutates it.</summary>
internal sealed class Sequence
{
    private volatile bool _cancelled;

    public Sequence(GenerationRequest request, int maxTokens, int vocabSize, ITextTokenizer tokenizer, long submitted)
    {
        Request = request;
        MaxTokens = maxTokens;
        Sampler = new TokenSampler(request.Sampling, vocabSize, request.PromptTokens);
        Detokenizer = tokenizer.CreateStreamingDetokenizer(request.SkipSpecialTokens);
        Stops = new StopMatcher(request.Stop);
        SubmittedAt = submitted;
    }

    public GenerationRequest Request { get; }
    public Channel<GenerationUpdate> Output { get; } = Channel.CreateUnbounded<GenerationUpdate>(new() { SingleReader = true, SingleWriter = true });
    public TokenSampler Sampler { get; }
    public IStreamingDetokenizer Detokenizer { get; }
    public StopMatcher Stops { get; }
    public int MaxTokens { get; }
    public long SubmittedAt { get; }
    public long? LastTokenAt { get; set; }

    /// <summary>The last sampled token, fed to the next decode step.</summary>
    public int PendingToken { get; set; }

    public int Generated { get; set; }
    public bool Finished { get; set; }

    /// <summary>Set from any thread when the client goes away; the scheduler frees the slot at the next step.</summary>
    public bool Cancelled => _cancelled;

    public bool Done => Finished || Cancelled;

    public void Cancel() => _cancelled = true;
}
