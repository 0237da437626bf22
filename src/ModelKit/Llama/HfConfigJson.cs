using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.ModelKit.Json;

namespace Gateway.ModelKit.Llama;

/// <summary>
/// The Hugging Face <c>config.json</c> of a Llama-family model: the full shape (intermediate size, rope
/// theta, norm eps) that genai_config.json leaves out, so the trainer can continue from a package.
/// </summary>
public static class HfConfigJson
{
    public const string FileName = "config.json";

    public static void Save(string directory, LlamaConfig c, int? bos, IReadOnlyList<int> eos, string torchDtype)
    {
        var node = JsonSerializer.SerializeToNode(c)!.AsObject();
        node["architectures"] = new JsonArray("LlamaForCausalLM");
        node["bos_token_id"] = bos;
        node["eos_token_id"] = eos.Count == 1 ? eos[0] : new JsonArray(eos.Select(i => (JsonNode)i).ToArray());
        node["hidden_act"] = "silu";
        node["torch_dtype"] = torchDtype;
        File.WriteAllText(Path.Combine(directory, FileName), node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static LlamaConfig Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        var f = JsonFields.Load(path);
        int hidden = f.Int("hidden_size"), heads = f.Int("num_attention_heads");
        var config = new LlamaConfig
        {
            VocabSize = f.Int("vocab_size"),
            HiddenSize = hidden,
            IntermediateSize = f.Int("intermediate_size"),
            NumLayers = f.Int("num_hidden_layers"),
            NumHeads = heads,
            NumKvHeads = f.OptionalInt("num_key_value_heads") ?? heads,
            HeadDim = f.OptionalInt("head_dim") ?? hidden / heads,
            RopeTheta = (float)f.Double("rope_theta", 10000),
            RmsNormEps = (float)f.Double("rms_norm_eps", 1e-6),
            MaxPositions = f.OptionalInt("max_position_embeddings") ?? 2048,
            TieEmbeddings = f.Bool("tie_word_embeddings", false),
            ModelType = f.OptionalString("model_type") ?? "llama",
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{FileName}: {e.Message}", e);
        }

        return config;
    }
}
