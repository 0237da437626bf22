using System.Text.Json.Serialization;

namespace Gateway.ModelKit.Llama;

/// <summary>
/// The shape of a Llama-family decoder, named as in Hugging Face's <c>config.json</c> so a real
/// model's config can be read as is.
/// </summary>
public sealed record LlamaConfig
{
    [JsonPropertyName("vocab_size")] public required int VocabSize { get; init; }
    [JsonPropertyName("hidden_size")] public required int HiddenSize { get; init; }
    [JsonPropertyName("intermediate_size")] public required int IntermediateSize { get; init; }
    [JsonPropertyName("num_hidden_layers")] public required int NumLayers { get; init; }
    [JsonPropertyName("num_attention_heads")] public required int NumHeads { get; init; }
    [JsonPropertyName("num_key_value_heads")] public required int NumKvHeads { get; init; }
    [JsonPropertyName("head_dim")] public required int HeadDim { get; init; }
    [JsonPropertyName("rope_theta")] public float RopeTheta { get; init; } = 10000f;
    [JsonPropertyName("rms_norm_eps")] public float RmsNormEps { get; init; } = 1e-6f;
    [JsonPropertyName("max_position_embeddings")] public int MaxPositions { get; init; } = 2048;
    [JsonPropertyName("tie_word_embeddings")] public bool TieEmbeddings { get; init; } = true;
    [JsonPropertyName("model_type")] public string ModelType { get; init; } = "llama";

    public int GroupSize => NumHeads / NumKvHeads;

    /// <summary>Throws with the field's name when the shape cannot make a working decoder.</summary>
    public void Validate()
    {
        Positive(VocabSize, "vocab_size");
        Positive(HiddenSize, "hidden_size");
        Positive(IntermediateSize, "intermediate_size");
        Positive(NumLayers, "num_hidden_layers");
        Positive(NumHeads, "num_attention_heads");
        Positive(NumKvHeads, "num_key_value_heads");
        Positive(HeadDim, "head_dim");
        Positive(MaxPositions, "max_position_embeddings");
        if (NumHeads % NumKvHeads != 0)
        {
            throw new ArgumentException($"num_attention_heads ({NumHeads}) must be a multiple of num_key_value_heads ({NumKvHeads})");
        }

        if (HeadDim % 2 != 0)
        {
            throw new ArgumentException($"head_dim ({HeadDim}) must be even for rotary embeddings");
        }

        if (!(RopeTheta > 0) || !(RmsNormEps > 0))
        {
            throw new ArgumentException("rope_theta and rms_norm_eps must be positive");
        }
    }

    public long ParameterCount()
    {
        long attention = (long)HiddenSize * HeadDim * (2L * NumHeads + 2L * NumKvHeads);
        long mlp = 3L * HiddenSize * IntermediateSize;
        long perLayer = attention + mlp + 2L * HiddenSize;
        long embeddings = (long)VocabSize * HiddenSize * (TieEmbeddings ? 1 : 2);
        return embeddings + NumLayers * perLayer + HiddenSize;
    }

    private static void Positive(int value, string field)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{field} must be positive, got {value}");
        }
    }
}
