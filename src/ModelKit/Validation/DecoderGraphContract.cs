using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Packaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Gateway.ModelKit.Validation;

/// <summary>The graph's inputs and outputs must be exactly what genai_config.json says, with matching sizes; shared by the validator and the engine's loader.</summary>
public static class DecoderGraphContract
{
    /// <returns>The element type of logits and KV cache, or null when it could not be told.</returns>
    public static ElementType? Check(InferenceSession session, GenAiConfig config, List<ValidationProblem> problems)
    {
        string file = config.DecoderFile;
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        var expectedInputs = new List<(string Name, string Field)>
        {
            (config.InputIdsName, "model.decoder.inputs.input_ids"),
            (config.AttentionMaskName, "model.decoder.inputs.attention_mask"),
        };
        if (config.PositionIdsName is not null)
        {
            expectedInputs.Add((config.PositionIdsName, "model.decoder.inputs.position_ids"));
        }

        var expectedOutputs = new List<(string Name, string Field)> { (config.LogitsName, "model.decoder.outputs.logits") };
        for (int layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            expectedInputs.Add((Llama.DecoderNames.Format(config.PastKeyNames, layer), "model.decoder.inputs.past_key_names"));
            expectedInputs.Add((Llama.DecoderNames.Format(config.PastValueNames, layer), "model.decoder.inputs.past_value_names"));
            expectedOutputs.Add((Llama.DecoderNames.Format(config.PresentKeyNames, layer), "model.decoder.outputs.present_key_names"));
            expectedOutputs.Add((Llama.DecoderNames.Format(config.PresentValueNames, layer), "model.decoder.outputs.present_value_names"));
        }

        Compare(file, "input", inputs.Keys, expectedInputs, problems);
        Compare(file, "output", outputs.Keys, expectedOutputs, problems);
        if (!outputs.TryGetValue(config.LogitsName, out var logits))
        {
            return null;
        }

        CheckLastDim(file, config.LogitsName, logits, config.VocabSize, "model.vocab_size", problems);
        foreach (var (name, _) in expectedInputs.Skip(config.PositionIdsName is null ? 2 : 3))
        {
            if (inputs.TryGetValue(name, out var past))
            {
                CheckLastDim(file, name, past, config.HeadSize, "model.decoder.head_size", problems);
                CheckDim(file, name, past, 1, config.NumKeyValueHeads, "model.decoder.num_key_value_heads", problems);
            }
        }

        return logits.ElementDataType switch
        {
            TensorElementType.Float => ElementType.Float,
            TensorElementType.Float16 => ElementType.Float16,
            var other => Unsupported(file, other, problems),
        };
    }

    private static void Compare(string file, string kind, IEnumerable<string> actual, List<(string Name, string Field)> expected, List<ValidationProblem> problems)
    {
        var actualSet = actual.ToHashSet(StringComparer.Ordinal);
        foreach (var (name, field) in expected.Where(e => !actualSet.Contains(e.Name)))
        {
            problems.Add(new(file, $"graph has no {kind} '{name}' that genai_config.json names ({field})"));
        }

        var expectedSet = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string name in actualSet.Where(a => !expectedSet.Contains(a)).Order(StringComparer.Ordinal))
        {
            problems.Add(new(file, $"graph {kind} '{name}' is not named in genai_config.json"));
        }
    }

    private static void CheckLastDim(string file, string name, NodeMetadata meta, int expected, string field, List<ValidationProblem> problems) =>
        CheckDim(file, name, meta, meta.Dimensions.Length - 1, expected, field, problems);

    private static void CheckDim(string file, string name, NodeMetadata meta, int axis, int expected, string field, List<ValidationProblem> problems)
    {
        // Symbolic dimensions read as -1 or 0: only a fixed size can disagree with the config.
        if (axis >= 0 && axis < meta.Dimensions.Length && meta.Dimensions[axis] > 0 && meta.Dimensions[axis] != expected)
        {
            problems.Add(new(file, $"'{name}' has size {meta.Dimensions[axis]} on axis {axis}, genai_config.json {field} says {expected}"));
        }
    }

    private static ElementType? Unsupported(string file, TensorElementType type, List<ValidationProblem> problems)
    {
        problems.Add(new(file, $"logits are {type}; only float32 and float16 are served"));
        return null;
    }
}
