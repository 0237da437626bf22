using Gateway.Inference.Generation;
using Gateway.Inference.Sampling;

namespace Gateway.Inference.Batching;

/// <summary>The model-facing half of the scheduler: prefill, cache rebuild, decode, and turning tokens into updates.</summary>
internal sealed partial class BatchScheduler
{
    /// <summary>
    /// Runs the newcomers' prompts as one left-padded batch and samples each one's first token. Long prompts go
    /// through in chunks over the growing KV cache, because the graph returns logits for every position and a
    /// whole 2k-token prompt of a 150k-vocabulary model would need more than a gigabyte of them at once.
    /// </summary>
    private void Prefill(List<Sequence> joined)
    {
        int width = joined.Max(s => s.Request.PromptTokens.Count);
        long pad = _model.Config.PadTokenId ?? 0;
        var past = _empty;
        ReadOnlySpan<float> logits = default;
        for (int start = 0; start < width; start += PrefillChunk)
        {
            int length = Math.Min(PrefillChunk, width - start);
            var inputs = _runner.Inputs(joined.Count, length, start);
            for (int row = 0; row < joined.Count; row++)
            {
                var prompt = joined[row].Request.PromptTokens;
                int offset = width - prompt.Count;
                for (int t = 0; t < start + length; t++)
                {
                    bool real = t >= offset;
                    inputs.Mask[(row * (start + length)) + t] = real ? 1 : 0;
                    if (t >= start)
                    {
                        inputs.Ids[(row * length) + t - start] = real ? prompt[t - offset] : pad;
                        inputs.Positions[(row * length) + t - start] = real ? t - offset : 0;
                    }
                }
            }

            var present = ReferenceEquals(past, _prefill) ? _prefillSpare : _prefill;
            logits = _runner.Run(joined.Count, length, start, past, present);
            past = present;
        }

        _prefillKv = past;
        _prefillWidth = width;
        _prefillRows.Clear();
        int vocab = _model.VocabSize;
        for (int row = 0; row < joined.Count; row++)
        {
            var sequence = joined[row];
            _prefillRows[sequence] = row;
            sequence.Length = sequence.Request.PromptTokens.Count;
            Metrics.PromptTokens.Add(sequence.Length, Metrics.Tags);
            Accept(sequence, logits.Slice(row * vocab, vocab));
        }
    }

    /// <summary>
    /// Lays the surviving rows and the newcomers' prefilled KV into the spare buffers at the shortest
    /// common length (dropping padding that no row needs any more), then makes them current.
    /// </summary>
    private void Rebuild(List<Sequence> joined)
    {
        int rows = _active.Count + joined.Count;
        int length = _active.Concat(joined).Select(s => s.Length).DefaultIfEmpty(0).Max();
        _spare.EnsureCapacity(rows, length);
        for (int row = 0; row < _active.Count; row++)
        {
            KvBufferSet.CopyRow(_current, _rows[_active[row]], _cacheLength, _spare, row, length, _active[row].Length);
        }

        foreach (var sequence in joined)
        {
            KvBufferSet.CopyRow(_prefillKv, _prefillRows[sequence], _prefillWidth, _spare, _active.Count, length, sequence.Length);
            _active.Add(sequence);
        }

        (_current, _spare) = (_spare, _current);
        _cacheLength = length;
        _rows.Clear();
        for (int row = 0; row < _active.Count; row++)
        {
            _rows[_active[row]] = row;
        }

        Volatile.Write(ref _activeCount, _active.Count);
        PeakActive = Math.Max(PeakActive, _active.Count);
    }

    /// <summary>One batched step: every active sequence feeds its pending token and samples the next.</summary>
    private void DecodeStep()
    {
        int batch = _active.Count, past = _cacheLength;
        var inputs = _runner.Inputs(batch, 1, past);
        for (int row = 0; row < batch; row++)
        {
            var sequence = _active[row];
            inputs.Ids[row] = sequence.PendingToken;
            inputs.Positions[row] = sequence.Length;
            var mask = inputs.Mask.Slice(row * (past + 1), past + 1);
            mask[..(past - sequence.Length)].Clear();
            mask[(past - sequence.Length)..].Fill(1);
        }

        var logits = _runner.Run(batch, 1, past, _current, _spare);
        (_current, _spare) = (_spare, _current);
        _cacheLength = past + 1;
        int vocab = _model.VocabSize;
        for (int row = 0; row < batch; row++)
        {
            var sequence = _active[row];
            sequence.Length++;
            if (!sequence.Cancelled)
            {
                Accept(sequence, logits.Slice(row * vocab, vocab));
            }
        }
    }

    /// <summary>Samples a token for a sequence, streams its text, and decides whether the sequence is finished.</summary>
    private void Accept(Sequence sequence, ReadOnlySpan<float> logits)
    {
        int token = sequence.Sampler.Next(logits);
        sequence.Generated++;
        RecordTiming(sequence);
        var logprob = sequence.Request.TopLogprobs is int top ? Logprobs.For(logits, token, top) : null;
        bool eos = !sequence.Request.IgnoreEos && _eos.Contains(token);
        string text = eos ? "" : sequence.Stops.Push(sequence.Detokenizer.Push(token));
        FinishReason? finish = eos || sequence.Stops.Stopped ? FinishReason.Stop
            : sequence.Generated >= sequence.MaxTokens || sequence.Length >= _model.ContextLength ? FinishReason.Length
            : null;
        if (finish is not null && !sequence.Stops.Stopped)
        {
            text += sequence.Stops.Push(sequence.Detokenizer.Flush()) + sequence.Stops.Flush();
        }

        var update = new GenerationUpdate
        {
            Text = text, TokenId = token, Logprob = logprob, FinishReason = finish,
            Usage = finish is null ? null : new GenerationUsage(sequence.Request.PromptTokens.Count, sequence.Generated),
        };
        sequence.Output.Writer.TryWrite(update);
        Metrics.CompletionTokens.Add(1, Metrics.Tags);
        if (finish is not null)
        {
            sequence.Finished = true;
            sequence.Output.Writer.TryComplete();
        }
        else
        {
            sequence.PendingToken = token;
        }
    }

    private void RecordTiming(Sequence sequence)
    {
        long now = _clock.GetTimestamp();
        if (sequence.LastTokenAt is { } last)
        {
            Metrics.TimePerOutputToken.Record(_clock.GetElapsedTime(last, now).TotalSeconds, Metrics.Tags);
        }
        else
        {
            Metrics.TimeToFirstToken.Record(_clock.GetElapsedTime(sequence.SubmittedAt, now).TotalSeconds, Metrics.Tags);
        }

        sequence.LastTokenAt = now;
    }
}
