using System.Numerics.Tensors;
using Gateway.Inference.Generation;

namespace Gateway.Inference.Sampling;

/// <summary>Log probabilities under the model's own distribution (raw logits, before penalties and temperature), as OpenAI reports them.</summary>
internal static class Logprobs
{
    public static TokenLogprob For(ReadOnlySpan<float> logits, int token, int top)
    {
        float max = TensorPrimitives.Max(logits);
        double sum = 0;
        foreach (float logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        float logZ = max + (float)Math.Log(sum);
        var best = new List<TopLogprob>(top);
        if (top > 0)
        {
            // A small insertion list beats sorting the vocabulary for the handful of alternatives asked for.
            for (int id = 0; id < logits.Length; id++)
            {
                if (best.Count == top && logits[id] <= best[^1].Logprob + logZ)
                {
                    continue;
                }

                var entry = new TopLogprob(id, logits[id] - logZ);
                int at = best.FindIndex(b => b.Logprob < entry.Logprob);
                best.Insert(at < 0 ? best.Count : at, entry);
                if (best.Count > top)
                {
                    best.RemoveAt(best.Count - 1);
                }
            }
        }

        return new TokenLogprob(token, logits[token] - logZ, best);
    }
}
