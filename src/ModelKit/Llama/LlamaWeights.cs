using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Safetensors;

namespace Gateway.ModelKit.Llama;

/// <summary>
/// A decoder's weights by Hugging Face tensor name (<c>model.layers.0.self_attn.q_proj.weight</c>, ...),
/// fp32, in Hugging Face layout (linear weights are [out, in]).
/// </summary>
public sealed class LlamaWeights
{
    private readonly Dictionary<string, float[]> _tensors;

    private LlamaWeights(LlamaConfig config, Dictionary<string, float[]> tensors)
    {
        Config = config;
        _tensors = tensors;
    }

    public LlamaConfig Config { get; }
    public IReadOnlyDictionary<string, float[]> Tensors => _tensors;
    public float[] this[string name] => _tensors.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"no weight '{name}'");

    /// <summary>Every tensor the config needs, with its Hugging Face shape.</summary>
    public static IEnumerable<(string Name, long[] Shape)> ExpectedTensors(LlamaConfig c)
    {
        long h = c.HiddenSize, q = (long)c.NumHeads * c.HeadDim, kv = (long)c.NumKvHeads * c.HeadDim, ff = c.IntermediateSize;
        yield return ("model.embed_tokens.weight", [c.VocabSize, h]);
        for (int i = 0; i < c.NumLayers; i++)
        {
            string p = $"model.layers.{i}.";
            yield return (p + "input_layernorm.weight", [h]);
            yield return (p + "self_attn.q_proj.weight", [q, h]);
            yield return (p + "self_attn.k_proj.weight", [kv, h]);
            yield return (p + "self_attn.v_proj.weight", [kv, h]);
            yield return (p + "self_attn.o_proj.weight", [h, q]);
            yield return (p + "post_attention_layernorm.weight", [h]);
            yield return (p + "mlp.gate_proj.weight", [ff, h]);
            yield return (p + "mlp.up_proj.weight", [ff, h]);
            yield return (p + "mlp.down_proj.weight", [h, ff]);
        }

        yield return ("model.norm.weight", [h]);
        if (!c.TieEmbeddings)
        {
            yield return ("lm_head.weight", [c.VocabSize, h]);
        }
    }

    /// <summary>Deterministic random initialisation: N(0, 0.02) for matrices, ones for norms, as Llama's init does.</summary>
    public static LlamaWeights Random(LlamaConfig config, int seed, double initStd = 0.02)
    {
        config.Validate();
        var rng = new Random(seed);
        var tensors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, shape) in ExpectedTensors(config))
        {
            var values = new float[TensorData.ElementCount(shape)];
            if (name.EndsWith("norm.weight", StringComparison.Ordinal))
            {
                Array.Fill(values, 1f);
            }
            else
            {
                FillNormal(values, rng, initStd);
            }

            tensors[name] = values;
        }

        return new LlamaWeights(config, tensors);
    }

    /// <summary>Takes tensors by name and checks every expected one is present with its shape.</summary>
    public static LlamaWeights FromTensors(LlamaConfig config, IReadOnlyDictionary<string, TensorData> tensors)
    {
        config.Validate();
        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, shape) in ExpectedTensors(config))
        {
            if (!tensors.TryGetValue(name, out var tensor))
            {
                throw new InvalidDataException($"weights: missing tensor '{name}'");
            }

            if (!tensor.Dims.SequenceEqual(shape))
            {
                throw new InvalidDataException(
                    $"weights: tensor '{name}' has shape [{string.Join(",", tensor.Dims)}], config needs [{string.Join(",", shape)}]");
            }

            result[name] = tensor.ToFloats();
        }

        // Checkpoints may carry a derivable rotary table or, with tied embeddings, a copy of lm_head.
        var extra = tensors.Keys.Where(name => !result.ContainsKey(name) && !name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal)
            && !(config.TieEmbeddings && name == "lm_head.weight")).Order(StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            throw new InvalidDataException(
                $"weights: tensor '{extra[0]}'{(extra.Count > 1 ? $" and {extra.Count - 1} more" : "")} is not part of a Llama decoder " +
                "(attention biases, as Qwen2 has, and other extra tensors are not supported)");
        }

        return new LlamaWeights(config, result);
    }

    public static LlamaWeights Load(LlamaConfig config, string safetensorsPath) =>
        FromTensors(config, SafetensorsFile.Read(safetensorsPath).Tensors);

    public void Save(string safetensorsPath, ElementType storeAs = ElementType.Float) =>
        SafetensorsFile.Write(safetensorsPath, ExpectedTensors(Config).Select(e => TensorData.FromFloats(e.Name, _tensors[e.Name], e.Shape, storeAs)),
            new Dictionary<string, string> { ["format"] = "pt" });

    private static void FillNormal(float[] values, Random rng, double std)
    {
        for (int i = 0; i < values.Length; i += 2)
        {
            // Box–Muller: two normals per pair of uniforms.
            double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1)) * std;
            values[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
            }
        }
    }
}
