using Gateway.Inference.Generation;
using Gateway.Inference.Sampling;

namespace Gateway.Inference.Batching;

/// <summary>The model-facing half of the scheduler: prefill, decode, and turning tokens into updates.</summary>
internal sealed partial class BatchScheduler
{
    /// <summary>
    /// Runs the newcomers' prompts as one left-padded batch and samples each one's first token. Long prompts go
    /// through in chunks over the growing KV cache, because the graph returns logits for every position and a
    /// whole 2k-token prompt of a 150k-vocabulary model would need more than a gigabyte of them at once.
    /// </summary>
    private void Prefill(List<Sequence> joined)
    {
        _newcomers.Start(joined, static s => s.Request.PromptTokens.Count);
        long pad = _model.Config.PadTokenId ?? 0;
        ReadOnlySpan<float> logits = default;
        while (_newcomers.Unfilled > 0)
        {
            int start = _newcomers.Length, length = Math.Min(PrefillChunk, _newcomers.Unfilled);
            var inputs = _runner.Inputs(joined.Count, length, start);
            _newcomers.FillAttentionMask(inputs.Mask, length);
            _newcomers.FillPositionIds(inputs.Positions, length);
            for (int row = 0; row < joined.Count; row++)
            {
                var prompt = joined[row].Request.PromptTokens;
                int offset = _newcomers.PaddingOf(row);
                for (int t = start; t < start + length; t++)
                {
                    inputs.Ids[(row * length) + t - start] = t >= offset ? prompt[t - offset] : pad;
                }
            }

            logits = _runner.Run(joined.Count, length, _newcomers.Next(length));
            _newcomers.Append(length);
        }

        int vocab = _model.VocabSize;
        for (int row = 0; row < joined.Count; row++)
        {
            var sequence = joined[row];
            Metrics.PromptTokens.Add(sequence.Request.PromptTokens.Count, Metrics.Tags);
            Accept(sequence, logits.Slice(row * vocab, vocab), _newcomers.TokensIn(row));
        }
    }

    /// <summary>One batched step: every active sequence feeds its pending token and samples the next.</summary>
    private void DecodeStep()
    {
        var rows = _batch.Rows;
        int batch = rows.Count;
        var inputs = _runner.Inputs(batch, 1, _batch.Length);
        _batch.FillAttentionMask(inputs.Mask, 1);
        _batch.FillPositionIds(inputs.Positions, 1);
        for (int row = 0; row < batch; row++)
        {
            inputs.Ids[row] = rows[row].PendingToken;
        }

        var logits = _runner.Run(batch, 1, _batch.Next(1));
        _batch.Append(1);
        int vocab = _model.VocabSize;
        for (int row = 0; row < batch; row++)
        {
            var sequence = rows[row];
            if (!sequence.Cancelled)
            {
                Accept(sequence, logits.Slice(row * vocab, vocab), _batch.TokensIn(row));
            }
        }
    }

    /// <summary>
    /// Samples a token for a sequence, streams its text, and decides whether the sequence is finished;
    /// <paramref name="cached"/> is how many of its tokens the cache holds (the context it has used).
    /// </summary>
    private void Accept(Sequence sequence, ReadOnlySpan<float> logits, int cached)
    {
        int token = sequence.Sampler.Next(logits);
        sequence.Generated++;
        RecordTiming(sequence);
        var logprob = sequence.Request.TopLogprobs is int top ? Logprobs.For(logits, token, top) : null;
        bool eos = !sequence.Request.IgnoreEos && _eos.Contains(token);
        string text = eos ? "" : sequence.Stops.Push(sequence.Detokenizer.Push(token));
        FinishReason? finish = eos || sequence.Stops.Stopped ? FinishReason.Stop
            : sequence.Generated >= sequence.MaxTokens || cached >= _model.ContextLength ? FinishReason.Length
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
