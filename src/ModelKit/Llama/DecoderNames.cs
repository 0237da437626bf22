namespace Gateway.ModelKit.Llama;

/// <summary>Graph input and output names as ONNX Runtime GenAI exports name them.</summary>
public static class DecoderNames
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string PositionIds = "position_ids";
    public const string Logits = "logits";
    public const string PastKeyPattern = "past_key_values.%d.key";
    public const string PastValuePattern = "past_key_values.%d.value";
    public const string PresentKeyPattern = "present.%d.key";
    public const string PresentValuePattern = "present.%d.value";

    public static string PastKey(int layer) => Format(PastKeyPattern, layer);
    public static string PastValue(int layer) => Format(PastValuePattern, layer);
    public static string PresentKey(int layer) => Format(PresentKeyPattern, layer);
    public static string PresentValue(int layer) => Format(PresentValuePattern, layer);

    /// <summary>Expands a genai_config name pattern such as "past_key_values.%d.key".</summary>
    public static string Format(string pattern, int layer) =>
        pattern.Replace("%d", layer.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
