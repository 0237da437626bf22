using Gateway.ModelKit.Onnx;

namespace Gateway.ModelKit.Llama;

/// <summary>
/// Builds a Llama-family decoder as an ONNX graph from standard ops only: embeddings, RMSNorm,
/// rotary embeddings, grouped-query attention with causal and padding masks and a KV cache,
/// SwiGLU MLP, final norm and LM head. Computation is fp32; weights and I/O may be fp16.
/// </summary>
public sealed class LlamaDecoderGraph
{
    // Masked scores get this bias: large enough that exp() underflows to exactly 0, small enough that a
    // fully masked row (a left-padding query) stays finite instead of turning into NaN.
    private const float MaskedBias = -1e9f;

    private readonly LlamaConfig _c;
    private readonly LlamaWeights _weights;
    private readonly DecoderGraphOptions _options;
    private readonly GraphBuilder _g = new("llama_decoder");
    private readonly Dictionary<string, Value> _weightValues = new(StringComparer.Ordinal);

    private LlamaDecoderGraph(LlamaWeights weights, DecoderGraphOptions options)
    {
        _c = weights.Config;
        _weights = weights;
        _options = options;
    }

    public static GraphBuilder Build(LlamaWeights weights, DecoderGraphOptions? options = null)
    {
        options ??= DecoderGraphOptions.Default;
        options.Validate();
        weights.Config.Validate();
        return new LlamaDecoderGraph(weights, options).BuildGraph();
    }

    private GraphBuilder BuildGraph()
    {
        var io = _options.IoType;
        var inputIds = _g.Input(DecoderNames.InputIds, ElementType.Int64, "batch_size", "sequence_length");
        var mask = _g.Input(DecoderNames.AttentionMask, ElementType.Int64, "batch_size", "total_sequence_length");
        var positions = _g.Input(DecoderNames.PositionIds, ElementType.Int64, "batch_size", "sequence_length");

        Value x, bias, cos, sin;
        using (_g.Scope("model/embed_tokens"))
        {
            x = Weight("model.embed_tokens.weight", transpose: false).Gather(inputIds);
        }

        using (_g.Scope("model/attn_mask"))
        {
            bias = AttentionBias(inputIds, mask);
        }

        using (_g.Scope("model/rotary_emb"))
        {
            (cos, sin) = RotaryTables(positions);
        }

        for (int layer = 0; layer < _c.NumLayers; layer++)
        {
            using var scope = _g.Scope($"model/layers.{layer}");
            string p = $"model.layers.{layer}.";
            var past = (_g.Input(DecoderNames.PastKey(layer), io, "batch_size", _c.NumKvHeads, "past_sequence_length", _c.HeadDim),
                        _g.Input(DecoderNames.PastValue(layer), io, "batch_size", _c.NumKvHeads, "past_sequence_length", _c.HeadDim));
            x += Attention(RmsNorm(x, p + "input_layernorm.weight"), p, past, bias, cos, sin, layer);
            x += Mlp(RmsNorm(x, p + "post_attention_layernorm.weight"), p);
        }

        using (_g.Scope("model/norm"))
        {
            x = RmsNorm(x, "model.norm.weight");
        }

        using (_g.Scope("lm_head"))
        {
            var head = _c.TieEmbeddings
                ? Weight("model.embed_tokens.weight", transpose: false).Transpose(1, 0)
                : Weight("lm_head.weight", transpose: true);
            _g.Output(ToIo(x.MatMul(head)), DecoderNames.Logits, io, "batch_size", "sequence_length", _c.VocabSize);
        }

        return _g;
    }

    private Value Attention(Value h, string p, (Value Key, Value Value) past, Value bias, Value cos, Value sin, int layer)
    {
        using var scope = _g.Scope("attn");
        long heads = _c.NumHeads, kvHeads = _c.NumKvHeads, d = _c.HeadDim;
        Value SplitHeads(Value t, long n) => t.Reshape(0, 0, n, d).Transpose(0, 2, 1, 3); // [B, n, S, D]

        var q = Rotate(SplitHeads(h.MatMul(Weight(p + "self_attn.q_proj.weight")), heads), cos, sin);
        var k = Rotate(SplitHeads(h.MatMul(Weight(p + "self_attn.k_proj.weight")), kvHeads), cos, sin);
        var v = SplitHeads(h.MatMul(Weight(p + "self_attn.v_proj.weight")), kvHeads);

        var keys = _g.Node("Concat", [FromIo(past.Key), k], new Attr("axis", 2L));   // [B, kvH, T, D]
        var values = _g.Node("Concat", [FromIo(past.Value), v], new Attr("axis", 2L));
        _g.Output(ToIo(keys), DecoderNames.PresentKey(layer), _options.IoType, "batch_size", kvHeads, "total_sequence_length", d);
        _g.Output(ToIo(values), DecoderNames.PresentValue(layer), _options.IoType, "batch_size", kvHeads, "total_sequence_length", d);

        // Grouped-query attention without copying K/V: the query heads of one KV head form a group
        // axis, and MatMul broadcasts the shared K/V over it. Scores: [B, kvH, group, S, T].
        var grouped = (q * (1f / MathF.Sqrt(d))).Reshape(0, kvHeads, _c.GroupSize, -1, d);
        var scores = grouped.MatMul(keys.Unsqueeze(2).Transpose(0, 1, 2, 4, 3)) + bias;
        var context = scores.Softmax().MatMul(values.Unsqueeze(2));               // [B, kvH, group, S, D]
        var merged = context.Reshape(0, heads, -1, d).Transpose(0, 2, 1, 3).Reshape(0, 0, heads * d);
        return merged.MatMul(Weight(p + "self_attn.o_proj.weight"));
    }

    private Value Mlp(Value h, string p)
    {
        using var scope = _g.Scope("mlp");
        var gate = h.MatMul(Weight(p + "mlp.gate_proj.weight"));
        var up = h.MatMul(Weight(p + "mlp.up_proj.weight"));
        return (gate * gate.Sigmoid() * up).MatMul(Weight(p + "mlp.down_proj.weight")); // SwiGLU: silu(gate) * up
    }

    /// <summary>x / sqrt(mean(x²) + eps) * w, in the Pow/ReduceMean/Sqrt/Div shape ONNX Runtime fuses.</summary>
    private Value RmsNorm(Value x, string weight)
    {
        var rms = (x.Pow(2f).ReduceMean(-1) + _c.RmsNormEps).Sqrt();
        return x / rms * Weight(weight, transpose: false);
    }

    /// <summary>Rotary embedding in the rotate-half form Hugging Face Llama uses: t·cos + rotate_half(t)·sin.</summary>
    private Value Rotate(Value t, Value cos, Value sin)
    {
        long half = _c.HeadDim / 2;
        var first = t.Slice(3, _g.Constant([0]), _g.Constant([half]));
        var second = t.Slice(3, _g.Constant([half]), _g.Constant([_c.HeadDim]));
        var rotated = _g.Node("Concat", [second.Neg(), first], new Attr("axis", -1L));
        return t * cos + rotated * sin;
    }

    /// <summary>cos and sin for each position id, [B, 1, S, D], gathered from tables precomputed for max positions.</summary>
    private (Value Cos, Value Sin) RotaryTables(Value positions)
    {
        var (cos, sin) = RotaryEmbedding.Tables(_c);
        long[] dims = [_c.MaxPositions, _c.HeadDim];
        var cosTable = _g.Initializer(TensorData.FromFloats("rotary_emb.cos_cached", cos, dims));
        var sinTable = _g.Initializer(TensorData.FromFloats("rotary_emb.sin_cached", sin, dims));
        return (cosTable.Gather(positions).Unsqueeze(1), sinTable.Gather(positions).Unsqueeze(1));
    }

    /// <summary>
    /// Additive bias [B, 1, 1, S, T]: 0 where query slot i (at absolute slot T−S+i) may see key slot j
    /// (j ≤ T−S+i and attention_mask[b, j] = 1), a large negative number elsewhere.
    /// </summary>
    private Value AttentionBias(Value inputIds, Value mask)
    {
        var zero = _g.ScalarInt64(0);
        var one = _g.ScalarInt64(1);
        var seq = _g.Node("Gather", [inputIds.Shape(), one], new Attr("axis", 0L));     // scalar S
        var total = _g.Node("Gather", [mask.Shape(), one], new Attr("axis", 0L));            // scalar T
        var querySlots = _g.Node("Range", total - seq, total, one).Unsqueeze(1);            // [S, 1]
        var keySlots = _g.Node("Range", zero, total, one).Unsqueeze(0);                      // [1, T]
        var causal = _g.Node("LessOrEqual", keySlots, querySlots);                           // [S, T]
        var notPadding = _g.Node("Equal", mask, one).Unsqueeze(1, 2, 3);                      // [B, 1, 1, 1, T]
        var allowed = _g.Node("And", causal, notPadding);                                   // [B, 1, 1, S, T]
        return _g.Node("Where", allowed, _g.Scalar(0f), _g.Scalar(MaskedBias));
    }

    /// <summary>A weight as a graph value; Hugging Face linear weights [out, in] are stored transposed for MatMul.</summary>
    private Value Weight(string name, bool transpose = true)
    {
        if (_weightValues.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var shape = LlamaWeights.ExpectedTensors(_c).First(e => e.Name == name).Shape;
        float[] values = _weights[name];
        if (transpose)
        {
            values = LinearLayout.Transpose(values, (int)shape[0], (int)shape[1]);
            shape = [shape[1], shape[0]];
        }

        var stored = _g.Initializer(TensorData.FromFloats(name, values, shape, _options.WeightType));
        return _weightValues[name] = _options.WeightType == ElementType.Float ? stored : stored.Cast(ElementType.Float);
    }

    private Value FromIo(Value v) => _options.IoType == ElementType.Float ? v : v.Cast(ElementType.Float);
    private Value ToIo(Value v) => _options.IoType == ElementType.Float ? v : v.Cast(_options.IoType);
}
