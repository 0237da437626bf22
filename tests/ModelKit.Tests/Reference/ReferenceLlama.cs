using Gateway.ModelKit.Llama;

namespace Gateway.ModelKit.Tests.Reference;

/// <summary>
/// An independent, deliberately plain forward pass of a Llama decoder over one unpadded sequence,
/// written from the Hugging Face modelling code's math with explicit loops, to check the ONNX graph.
/// </summary>
internal static class ReferenceLlama
{
    /// <summary>Logits [seq, vocab] for the tokens at positions 0..seq-1.</summary>
    public static float[][] Forward(LlamaWeights w, IReadOnlyList<long> tokens)
    {
        var c = w.Config;
        int seq = tokens.Count, h = c.HiddenSize;
        var x = tokens.Select(t => w["model.embed_tokens.weight"].AsSpan((int)t * h, h).ToArray()).ToArray();
        for (int layer = 0; layer < c.NumLayers; layer++)
        {
            string p = $"model.layers.{layer}.";
            var normed = x.Select(v => RmsNorm(v, w[p + "input_layernorm.weight"], c.RmsNormEps)).ToArray();
            var attn = SelfAttention(w, p, normed);
            x = x.Select((v, i) => Add(v, attn[i])).ToArray();
            var normed2 = x.Select(v => RmsNorm(v, w[p + "post_attention_layernorm.weight"], c.RmsNormEps)).ToArray();
            x = x.Select((v, i) => Add(v, Mlp(w, p, normed2[i]))).ToArray();
        }

        var head = c.TieEmbeddings ? w["model.embed_tokens.weight"] : w["lm_head.weight"];
        return x.Select(v => Linear(head, RmsNorm(v, w["model.norm.weight"], c.RmsNormEps), c.VocabSize)).ToArray();
    }

    private static float[][] SelfAttention(LlamaWeights w, string p, float[][] x)
    {
        var c = w.Config;
        int seq = x.Length, d = c.HeadDim, group = c.NumHeads / c.NumKvHeads;
        var q = x.Select((v, pos) => RopeHeads(Linear(w[p + "self_attn.q_proj.weight"], v, c.NumHeads * d), pos, c)).ToArray();
        var k = x.Select((v, pos) => RopeHeads(Linear(w[p + "self_attn.k_proj.weight"], v, c.NumKvHeads * d), pos, c)).ToArray();
        var vv = x.Select(v => Linear(w[p + "self_attn.v_proj.weight"], v, c.NumKvHeads * d)).ToArray();
        var output = new float[seq][];
        for (int i = 0; i < seq; i++)
        {
            var context = new float[c.NumHeads * d];
            for (int head = 0; head < c.NumHeads; head++)
            {
                int kvHead = head / group;
                var scores = new double[i + 1];
                for (int j = 0; j <= i; j++)
                {
                    double dot = 0;
                    for (int e = 0; e < d; e++)
                    {
                        dot += q[i][(head * d) + e] * k[j][(kvHead * d) + e];
                    }

                    scores[j] = dot / Math.Sqrt(d);
                }

                double max = scores.Max(), sum = scores.Sum(s => Math.Exp(s - max));
                for (int j = 0; j <= i; j++)
                {
                    double weight = Math.Exp(scores[j] - max) / sum;
                    for (int e = 0; e < d; e++)
                    {
                        context[(head * d) + e] += (float)(weight * vv[j][(kvHead * d) + e]);
                    }
                }
            }

            output[i] = Linear(w[p + "self_attn.o_proj.weight"], context, c.HiddenSize);
        }

        return output;
    }

    private static float[] Mlp(LlamaWeights w, string p, float[] x)
    {
        int ff = w.Config.IntermediateSize;
        var gate = Linear(w[p + "mlp.gate_proj.weight"], x, ff);
        var up = Linear(w[p + "mlp.up_proj.weight"], x, ff);
        var act = gate.Select((g, i) => (float)(g / (1 + Math.Exp(-g)) * up[i])).ToArray();
        return Linear(w[p + "mlp.down_proj.weight"], act, w.Config.HiddenSize);
    }

    /// <summary>Rotate-half rotary embedding on each head of a [heads * d] vector.</summary>
    private static float[] RopeHeads(float[] v, int pos, LlamaConfig c)
    {
        int d = c.HeadDim, half = d / 2;
        var result = new float[v.Length];
        for (int head = 0; head < v.Length / d; head++)
        {
            for (int i = 0; i < half; i++)
            {
                double angle = pos * Math.Pow(c.RopeTheta, -2.0 * i / d);
                double a = v[(head * d) + i], b = v[(head * d) + i + half];
                result[(head * d) + i] = (float)((a * Math.Cos(angle)) - (b * Math.Sin(angle)));
                result[(head * d) + i + half] = (float)((b * Math.Cos(angle)) + (a * Math.Sin(angle)));
            }
        }

        return result;
    }

    private static float[] RmsNorm(float[] v, float[] weight, float eps)
    {
        double meanSquare = v.Sum(e => (double)e * e) / v.Length;
        double scale = 1 / Math.Sqrt(meanSquare + eps);
        return v.Select((e, i) => (float)(e * scale * weight[i])).ToArray();
    }

    /// <summary>y = W x with W in Hugging Face layout [out, in].</summary>
    private static float[] Linear(float[] weight, float[] x, int outputs)
    {
        var y = new float[outputs];
        for (int o = 0; o < outputs; o++)
        {
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sum += weight[((long)o * x.Length) + i] * x[i];
            }

            y[o] = (float)sum;
        }

        return y;
    }

    private static float[] Add(float[] a, float[] b) => a.Select((e, i) => e + b[i]).ToArray();
}
