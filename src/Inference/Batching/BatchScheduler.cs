using System.Threading.Channels;
using Gateway.Inference.Generation;
using Gateway.Inference.Models;
using Gateway.Text.Tokenization;

namespace Gateway.Inference.Batching;

/// <summary>
/// Continuous batching on one thread that owns the model: waiting requests join the running batch
/// at token boundaries (prefilled together, their KV merged in), every active sequence advances by
/// one token in a single batched decode step, and finished or cancelled sequences leave at once.
/// The KV cache, its rows and their layout belong to <see cref="BatchCache"/>; this class decides who runs
/// (admission, cancellation, shutdown) and samples what they produce.
/// </summary>
internal sealed partial class BatchScheduler : IDisposable
{
    private readonly DecoderModel _model;
    private readonly ITextTokenizer _tokenizer;
    private readonly EngineOptions _options;
    private readonly TimeProvider _clock;
    private readonly HashSet<int> _eos;
    private readonly Channel<Sequence> _queue;
    private readonly StepRunner _runner;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stopping = new();
    private readonly BatchCache _batch;
    private readonly BatchCache _newcomers;

    /// <summary>Prompt positions run in one prefill pass; longer prompts take several over the cache.</summary>
    internal const int PrefillChunk = 256;
    private List<Sequence> _joining = [];
    private int _queued;
    private int _activeCount;

    public BatchScheduler(DecoderModel model, ITextTokenizer tokenizer, EngineOptions options, TimeProvider clock, string department)
    {
        _model = model;
        _tokenizer = tokenizer;
        _options = options;
        _clock = clock;
        _eos = [.. model.Config.EosTokenIds, .. tokenizer.EosTokenIds];
        _queue = Channel.CreateBounded<Sequence>(new BoundedChannelOptions(Math.Max(1, options.MaxQueuedRequests)) { SingleReader = true });
        _runner = new StepRunner(model);
        (_batch, _newcomers) = (BatchCache.For(model), BatchCache.For(model));
        Metrics = new EngineMetrics(department, () => Volatile.Read(ref _queued), () => Volatile.Read(ref _activeCount));
        _thread = new Thread(Loop) { IsBackground = true, Name = $"inference-{department}" };
        _thread.Start();
    }

    public EngineMetrics Metrics { get; }
    public int Queued => Volatile.Read(ref _queued);
    public int Active => Volatile.Read(ref _activeCount);

    /// <summary>The most sequences ever decoded in one step: tells tests and benchmarks that batching happened.</summary>
    public int PeakActive { get; private set; }

    /// <summary>Queues a request; throws when it is invalid or the queue is full.</summary>
    public Sequence Submit(GenerationRequest request)
    {
        int prompt = request.PromptTokens.Count;
        int room = _model.ContextLength - prompt;
        if (room < 1)
        {
            throw new ContextLengthExceededException(prompt, _model.ContextLength);
        }

        int maxTokens = Math.Min(request.MaxTokens ?? _options.DefaultMaxTokens, room);
        var sequence = new Sequence(request, maxTokens, _model.VocabSize, _tokenizer, _clock.GetTimestamp());
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(sequence))
        {
            Interlocked.Decrement(ref _queued);
            throw new EngineOverloadedException(_options.MaxQueuedRequests);
        }

        return sequence;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _queue.Writer.TryComplete();
        _thread.Join();
        _runner.Dispose();
        Metrics.Dispose();
        _stopping.Dispose();
    }

    private void Loop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (_batch.Count == 0 && !WaitForWork())
                {
                    break;
                }

                var joined = _joining = Admit();
                if (joined.Count > 0)
                {
                    Prefill(joined);
                }

                // Finished and cancelled sequences leave, newcomers still running join; one copy of each row.
                if (_batch.Regroup(static s => s.Done, _newcomers))
                {
                    Volatile.Write(ref _activeCount, _batch.Count);
                    PeakActive = Math.Max(PeakActive, _batch.Count);
                }

                _joining = [];
                if (_batch.Count > 0)
                {
                    DecodeStep();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                FailAll(e);
            }
        }

        FailAll(new ObjectDisposedException("the inference engine is shutting down"));
    }

    private bool WaitForWork()
    {
        try
        {
            return _queue.Reader.WaitToReadAsync(_stopping.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private List<Sequence> Admit()
    {
        var joined = new List<Sequence>();
        while (_batch.Count + joined.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out var sequence))
        {
            Interlocked.Decrement(ref _queued);
            if (sequence.Cancelled)
            {
                sequence.Output.Writer.TryComplete();
                continue;
            }

            joined.Add(sequence);
        }

        return joined;
    }

    private void FailAll(Exception error)
    {
        foreach (var sequence in _batch.Rows.Concat(_joining))
        {
            sequence.Output.Writer.TryComplete(error);
        }

        _joining = [];
        _batch.Clear();
        _newcomers.Clear();
        Volatile.Write(ref _activeCount, 0);
        if (error is ObjectDisposedException)
        {
            while (_queue.Reader.TryRead(out var waiting))
            {
                waiting.Output.Writer.TryComplete(error);
            }
        }
    }
}
