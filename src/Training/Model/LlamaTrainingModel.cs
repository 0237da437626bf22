using Gateway.ModelKit.Llama;
using Gateway.Training.Kernels;
using Gateway.Training.Layers;

namespace Gateway.Training.Model;

/// <summary>
/// Forward and backward passes of a Llama-family decoder over a <see cref="PackedBatch"/>, in fp32, with
/// exactly the model kit graph's math (RMSNorm, rotate-half RoPE, GQA, SwiGLU, tied or untied head).
/// Gradients are added to <see cref="LlamaParameters"/>' buffers.
/// </summary>
public sealed class LlamaTrainingModel
{
    /// <summary>The LM head and loss run over this many rows at a time, so [rows, vocab] logits never exist at once.</summary>
    private const int HeadChunkRows = 256;

    private readonly LlamaConfig _c;
    private readonly float[] _cos;
    private readonly float[] _sin;

    public LlamaTrainingModel(LlamaParameters parameters)
    {
        Parameters = parameters;
        _c = parameters.Config;
        (_cos, _sin) = RotaryEmbedding.Tables(_c);
    }

    public LlamaParameters Parameters { get; }

    private string HeadName => _c.TieEmbeddings ? "model.embed_tokens.weight" : "lm_head.weight";

    /// <summary>Logits [rows, vocab] without touching gradients.</summary>
    public float[] Logits(PackedBatch batch)
    {
        var (final, _, _, _) = Forward(batch);
        int rows = batch.Rows, v = _c.VocabSize;
        var logits = new float[rows * v];
        Linear.Forward(final, MatMul.Transposed(Parameters.Value(HeadName), v, _c.HiddenSize), logits, rows, _c.HiddenSize, v);
        return logits;
    }

    /// <summary>
    /// Runs forward and backward; gradients of (sum of counted token losses) × <paramref name="lossScale"/> are
    /// added to the parameters' gradient buffers. Use lossScale = 1 / (targets in the whole optimizer step).
    /// </summary>
    /// <returns>The sum of the counted tokens' losses, unscaled.</returns>
    public double ForwardBackward(PackedBatch batch, float lossScale)
    {
        CheckPositions(batch);
        int rows = batch.Rows, h = _c.HiddenSize, v = _c.VocabSize;
        var (final, preNorm, finalRms, tapes) = Forward(batch);

        // LM head and loss, chunk by chunk: dFinal = dLogits · W_head, dW_head += dLogitsᵀ · final.
        var head = Parameters.Value(HeadName);
        var headT = MatMul.Transposed(head, v, h);
        var dFinal = new float[rows * h];
        double lossSum = 0;
        int chunkRows = Math.Min(HeadChunkRows, rows);
        var logits = new float[chunkRows * v];
        var finalChunk = new float[chunkRows * h];
        var dFinalChunk = new float[chunkRows * h];
        for (int r0 = 0; r0 < rows; r0 += chunkRows)
        {
            int n = Math.Min(chunkRows, rows - r0);
            Array.Copy(final, r0 * h, finalChunk, 0, n * h);
            Linear.Forward(finalChunk, headT, logits, n, h, v);
            lossSum += CrossEntropy.ForwardBackward(logits, batch.Targets, r0, n, v, lossScale);
            Linear.Backward(logits, finalChunk, head, Parameters.Grad(HeadName), dFinalChunk, accumulateDx: false, n, h, v);
            Array.Copy(dFinalChunk, 0, dFinal, r0 * h, n * h);
        }

        var dx = new float[rows * h];
        RmsNorm.Backward(dFinal, preNorm, Parameters.Value("model.norm.weight"), finalRms, dx, Parameters.Grad("model.norm.weight"), rows, h);
        for (int layer = _c.NumLayers - 1; layer >= 0; layer--)
        {
            LayerBackward(layer, tapes[layer], batch, dx);
        }

        Embedding.Backward(dx, batch.Tokens, Parameters.Grad("model.embed_tokens.weight"), h);
        return lossSum;
    }

    private (float[] Final, float[] PreNorm, float[] FinalRms, LayerTape[] Tapes) Forward(PackedBatch batch)
    {
        CheckPositions(batch);
        int rows = batch.Rows, h = _c.HiddenSize;
        var x = new float[rows * h];
        Embedding.Forward(Parameters.Value("model.embed_tokens.weight"), batch.Tokens, x, h);
        var tapes = new LayerTape[_c.NumLayers];
        for (int layer = 0; layer < _c.NumLayers; layer++)
        {
            tapes[layer] = new LayerTape(rows, h, _c.NumHeads * _c.HeadDim, _c.NumKvHeads * _c.HeadDim, _c.NumHeads, _c.IntermediateSize);
            x = LayerForward(layer, tapes[layer], batch, x);
        }

        var final = new float[rows * h];
        var rms = new float[rows];
        RmsNorm.Forward(x, Parameters.Value("model.norm.weight"), final, rms, rows, h, _c.RmsNormEps);
        return (final, x, rms, tapes);
    }

    private float[] LayerForward(int layer, LayerTape t, PackedBatch batch, float[] x)
    {
        string p = $"model.layers.{layer}.";
        int rows = batch.Rows, h = _c.HiddenSize, qw = _c.NumHeads * _c.HeadDim, kvw = _c.NumKvHeads * _c.HeadDim, ff = _c.IntermediateSize;
        Array.Copy(x, t.Input, x.Length);
        RmsNorm.Forward(x, Parameters.Value(p + "input_layernorm.weight"), t.Norm1, t.InverseRms1, rows, h, _c.RmsNormEps);
        Linear.Forward(t.Norm1, Transposed(p + "self_attn.q_proj.weight"), t.Q, rows, h, qw);
        Linear.Forward(t.Norm1, Transposed(p + "self_attn.k_proj.weight"), t.K, rows, h, kvw);
        Linear.Forward(t.Norm1, Transposed(p + "self_attn.v_proj.weight"), t.V, rows, h, kvw);
        Rope.Forward(t.Q, batch.Positions, _cos, _sin, rows, _c.NumHeads, _c.HeadDim);
        Rope.Forward(t.K, batch.Positions, _cos, _sin, rows, _c.NumKvHeads, _c.HeadDim);
        CausalAttention.Forward(t.Q, t.K, t.V, t.Attention, t.Lse, batch.SequenceStarts, _c.NumHeads, _c.NumKvHeads, _c.HeadDim);
        var attnOut = new float[rows * h];
        Linear.Forward(t.Attention, Transposed(p + "self_attn.o_proj.weight"), attnOut, rows, qw, h);
        System.Numerics.Tensors.TensorPrimitives.Add(x, attnOut, t.Mid);

        RmsNorm.Forward(t.Mid, Parameters.Value(p + "post_attention_layernorm.weight"), t.Norm2, t.InverseRms2, rows, h, _c.RmsNormEps);
        Linear.Forward(t.Norm2, Transposed(p + "mlp.gate_proj.weight"), t.Gate, rows, h, ff);
        Linear.Forward(t.Norm2, Transposed(p + "mlp.up_proj.weight"), t.Up, rows, h, ff);
        SwiGlu.Forward(t.Gate, t.Up, t.Hidden, rows, ff);
        var mlpOut = new float[rows * h];
        Linear.Forward(t.Hidden, Transposed(p + "mlp.down_proj.weight"), mlpOut, rows, ff, h);
        var output = new float[rows * h];
        System.Numerics.Tensors.TensorPrimitives.Add(t.Mid, mlpOut, output);
        return output;
    }

    /// <summary>dx holds ∂L/∂(layer output) on entry and ∂L/∂(layer input) on return.</summary>
    private void LayerBackward(int layer, LayerTape t, PackedBatch batch, float[] dx)
    {
        string p = $"model.layers.{layer}.";
        int rows = batch.Rows, h = _c.HiddenSize, qw = _c.NumHeads * _c.HeadDim, kvw = _c.NumKvHeads * _c.HeadDim, ff = _c.IntermediateSize;

        // MLP: out = mid + down(swiglu(gate(norm2(mid)), up(norm2(mid)))); dx is also ∂L/∂mid through the residual.
        var dHidden = new float[rows * ff];
        LinearBackward(p + "mlp.down_proj.weight", dx, t.Hidden, dHidden, false, rows, ff, h);
        var dGate = new float[rows * ff];
        var dUp = new float[rows * ff];
        SwiGlu.Backward(dHidden, t.Gate, t.Up, dGate, dUp, rows, ff);
        var dNorm2 = new float[rows * h];
        LinearBackward(p + "mlp.gate_proj.weight", dGate, t.Norm2, dNorm2, false, rows, h, ff);
        LinearBackward(p + "mlp.up_proj.weight", dUp, t.Norm2, dNorm2, true, rows, h, ff);
        RmsNorm.Backward(dNorm2, t.Mid, Parameters.Value(p + "post_attention_layernorm.weight"), t.InverseRms2, dx,
            Parameters.Grad(p + "post_attention_layernorm.weight"), rows, h);

        // Attention: mid = input + o_proj(attn(rope(q), rope(k), v)); dx is now ∂L/∂mid and becomes ∂L/∂input.
        var dAttention = new float[rows * qw];
        LinearBackward(p + "self_attn.o_proj.weight", dx, t.Attention, dAttention, false, rows, qw, h);
        var dq = new float[rows * qw];
        var dk = new float[rows * kvw];
        var dv = new float[rows * kvw];
        CausalAttention.Backward(t.Q, t.K, t.V, t.Attention, t.Lse, dAttention, dq, dk, dv, batch.SequenceStarts, _c.NumHeads, _c.NumKvHeads, _c.HeadDim);
        Rope.Backward(dq, batch.Positions, _cos, _sin, rows, _c.NumHeads, _c.HeadDim);
        Rope.Backward(dk, batch.Positions, _cos, _sin, rows, _c.NumKvHeads, _c.HeadDim);
        var dNorm1 = new float[rows * h];
        LinearBackward(p + "self_attn.q_proj.weight", dq, t.Norm1, dNorm1, false, rows, h, qw);
        LinearBackward(p + "self_attn.k_proj.weight", dk, t.Norm1, dNorm1, true, rows, h, kvw);
        LinearBackward(p + "self_attn.v_proj.weight", dv, t.Norm1, dNorm1, true, rows, h, kvw);
        RmsNorm.Backward(dNorm1, t.Input, Parameters.Value(p + "input_layernorm.weight"), t.InverseRms1, dx,
            Parameters.Grad(p + "input_layernorm.weight"), rows, h);
    }

    private void LinearBackward(string weight, float[] dy, float[] x, float[] dx, bool accumulateDx, int rows, int inDim, int outDim) =>
        Linear.Backward(dy, x, Parameters.Value(weight), Parameters.Grad(weight), dx, accumulateDx, rows, inDim, outDim);

    private float[] Transposed(string weight)
    {
        var shape = Parameters.Shapes[weight];
        return MatMul.Transposed(Parameters.Value(weight), (int)shape[0], (int)shape[1]);
    }

    private void CheckPositions(PackedBatch batch)
    {
        for (int s = 0; s < batch.Sequences; s++)
        {
            if (batch.SequenceStarts[s + 1] - batch.SequenceStarts[s] > _c.MaxPositions)
            {
                throw new ArgumentException($"sequence {s} has {batch.SequenceStarts[s + 1] - batch.SequenceStarts[s]} tokens; the model's context is {_c.MaxPositions}");
            }
        }
    }
}
