using System.Numerics.Tensors;
using Gateway.Inference.Generation;

namespace Gateway.Inference.Sampling;

/// <summary>
/// Chooses one sequence's next tokens: penalties (repetition over prompt and output, presence and
/// frequency over output), then greedy argmax, or temperature, top-k and top-p sampling from a seeded
/// generator so a seed reproduces its output. Owns its scratch buffers; not shared across sequences.
/// </summary>
internal sealed class TokenSampler
{
    private readonly SamplingOptions _options;
    private readonly Random _random;
    private readonly float[] _scores;
    private readonly int[] _order;
    private readonly float[] _sortKeys;
    private readonly Dictionary<int, int> _generatedCounts = [];
    private readonly HashSet<int> _seen;

    public TokenSampler(SamplingOptions options, int vocabSize, IEnumerable<int> prompt)
    {
        _options = options;
        _random = options.Seed is { } seed ? new Random(unchecked((int)seed ^ (int)(seed >> 32))) : new Random();
        _scores = new float[vocabSize];
        _order = new int[vocabSize];
        _sortKeys = new float[vocabSize];
        _seen = options.RepetitionPenalty != 1f ? [.. prompt] : [];
    }

    /// <summary>Picks the next token from one row of logits and records it for the penalties.</summary>
    public int Next(ReadOnlySpan<float> logits)
    {
        int token;
        if (_options.IsGreedy && !HasPenalties)
        {
            token = TensorPrimitives.IndexOfMax(logits); // the common case needs no scratch copy
        }
        else
        {
            logits.CopyTo(_scores);
            ApplyPenalties(_scores);
            token = _options.IsGreedy ? TensorPrimitives.IndexOfMax(_scores) : Sample(_scores);
        }

        _generatedCounts[token] = _generatedCounts.GetValueOrDefault(token) + 1;
        if (_options.RepetitionPenalty != 1f)
        {
            _seen.Add(token);
        }

        return token;
    }

    private bool HasPenalties => _options.RepetitionPenalty != 1f || _options.PresencePenalty != 0 || _options.FrequencyPenalty != 0;

    private void ApplyPenalties(Span<float> scores)
    {
        float repetition = _options.RepetitionPenalty;
        if (repetition != 1f)
        {
            foreach (int token in _seen)
            {
                scores[token] = scores[token] > 0 ? scores[token] / repetition : scores[token] * repetition;
            }
        }

        if (_options.PresencePenalty != 0 || _options.FrequencyPenalty != 0)
        {
            foreach (var (token, count) in _generatedCounts)
            {
                scores[token] -= _options.PresencePenalty + (_options.FrequencyPenalty * count);
            }
        }
    }

    private int Sample(Span<float> scores)
    {
        TensorPrimitives.Divide(scores, _options.Temperature, scores);
        // A confident model's logits over a small temperature (30 / 0.01) overflow exp(); a shift leaves softmax unchanged.
        TensorPrimitives.Subtract(scores, TensorPrimitives.Max(scores), scores);
        TensorPrimitives.SoftMax(scores, scores);
        if (_options.TopK == 0 && _options.TopP >= 1f)
        {
            return Draw(scores);
        }

        int candidates = SortDescending(scores, _options.TopK > 0 ? Math.Min(_options.TopK, scores.Length) : scores.Length);
        double total = 0;
        for (int i = 0; i < candidates; i++)
        {
            total += scores[_order[i]];
        }

        double target = _random.NextDouble() * total;
        for (int i = 0; i < candidates; i++)
        {
            target -= scores[_order[i]];
            if (target <= 0)
            {
                return _order[i];
            }
        }

        return _order[candidates - 1];
    }

    /// <summary>Draws from the whole distribution.</summary>
    private int Draw(ReadOnlySpan<float> probabilities)
    {
        double target = _random.NextDouble();
        for (int i = 0; i < probabilities.Length; i++)
        {
            target -= probabilities[i];
            if (target <= 0)
            {
                return i;
            }
        }

        return TensorPrimitives.IndexOfMax(probabilities);
    }

    /// <summary>Orders token ids by probability and returns how many survive top-k and then top-p (at least one).</summary>
    private int SortDescending(Span<float> probabilities, int topK)
    {
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        TensorPrimitives.Negate(probabilities, _sortKeys);
        _sortKeys.AsSpan().Sort(_order.AsSpan());

        int kept = 0;
        double cumulative = 0;
        while (kept < topK)
        {
            cumulative += probabilities[_order[kept]];
            kept++;
            if (cumulative >= _options.TopP)
            {
                break;
            }
        }

        return kept;
    }
}
