using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.ModelKit.Json;
using Gateway.ModelKit.Llama;
using Gateway.ModelKit.Onnx;
using Gateway.ModelKit.Runtime;

namespace Gateway.ModelKit.Packaging;

/// <summary>
/// <c>genai_config.json</c>, in the layout ONNX Runtime GenAI exports write, so a real exported SLM
/// and a package of ours read the same way. Unknown fields of real exports are ignored.
/// </summary>
public sealed record GenAiConfig
{
    public const string FileName = "genai_config.json";

    public required string ModelType { get; init; }
    public required int ContextLength { get; init; }
    public required int VocabSize { get; init; }
    public int? BosTokenId { get; init; }
    public required int[] EosTokenIds { get; init; }
    public int? PadTokenId { get; init; }
    public required string DecoderFile { get; init; }
    public required int HeadSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumKeyValueHeads { get; init; }
    public string InputIdsName { get; init; } = DecoderNames.InputIds;
    public string AttentionMaskName { get; init; } = DecoderNames.AttentionMask;
    public string? PositionIdsName { get; init; } = DecoderNames.PositionIds;
    public string PastKeyNames { get; init; } = DecoderNames.PastKeyPattern;
    public string PastValueNames { get; init; } = DecoderNames.PastValuePattern;
    public string LogitsName { get; init; } = DecoderNames.Logits;
    public string PresentKeyNames { get; init; } = DecoderNames.PresentKeyPattern;
    public string PresentValueNames { get; init; } = DecoderNames.PresentValuePattern;
    public SearchDefaults Search { get; init; } = new();

    public static GenAiConfig ForLlama(LlamaConfig c, int? bos, int[] eos, int? pad, string modelType = "llama") => new()
    {
        ModelType = modelType, ContextLength = c.MaxPositions, VocabSize = c.VocabSize,
        BosTokenId = bos, EosTokenIds = eos, PadTokenId = pad, DecoderFile = "model.onnx",
        HeadSize = c.HeadDim, HiddenSize = c.HiddenSize, NumAttentionHeads = c.NumHeads,
        NumHiddenLayers = c.NumLayers, NumKeyValueHeads = c.NumKvHeads,
        Search = new SearchDefaults { MaxLength = c.MaxPositions },
    };

    public DecoderShape ToDecoderShape(ElementType ioType) => new(
        NumHiddenLayers, NumKeyValueHeads, HeadSize, VocabSize, ioType, InputIdsName, AttentionMaskName,
        PositionIdsName, LogitsName, PastKeyNames, PastValueNames, PresentKeyNames, PresentValueNames);

    public static GenAiConfig Load(string path)
    {
        var f = JsonFields.Load(path);
        const string d = "model.decoder";
        return new GenAiConfig
        {
            ModelType = f.String("model.type"),
            ContextLength = f.Int("model.context_length"),
            VocabSize = f.Int("model.vocab_size"),
            BosTokenId = f.OptionalInt("model.bos_token_id"),
            EosTokenIds = f.Ints("model.eos_token_id"),
            PadTokenId = f.OptionalInt("model.pad_token_id"),
            DecoderFile = f.String($"{d}.filename"),
            HeadSize = f.Int($"{d}.head_size"),
            HiddenSize = f.Int($"{d}.hidden_size"),
            NumAttentionHeads = f.Int($"{d}.num_attention_heads"),
            NumHiddenLayers = f.Int($"{d}.num_hidden_layers"),
            NumKeyValueHeads = f.Int($"{d}.num_key_value_heads"),
            InputIdsName = f.String($"{d}.inputs.input_ids"),
            AttentionMaskName = f.String($"{d}.inputs.attention_mask"),
            PositionIdsName = f.OptionalString($"{d}.inputs.position_ids"),
            PastKeyNames = f.String($"{d}.inputs.past_key_names"),
            PastValueNames = f.String($"{d}.inputs.past_value_names"),
            LogitsName = f.String($"{d}.outputs.logits"),
            PresentKeyNames = f.String($"{d}.outputs.present_key_names"),
            PresentValueNames = f.String($"{d}.outputs.present_value_names"),
            Search = SearchDefaults.Read(f),
        };
    }

    public void Save(string path)
    {
        var inputs = new JsonObject
        {
            ["input_ids"] = InputIdsName, ["attention_mask"] = AttentionMaskName,
            ["past_key_names"] = PastKeyNames, ["past_value_names"] = PastValueNames,
        };
        if (PositionIdsName is not null)
        {
            inputs["position_ids"] = PositionIdsName;
        }

        var model = new JsonObject
        {
            ["context_length"] = ContextLength,
            ["decoder"] = new JsonObject
            {
                ["session_options"] = new JsonObject { ["log_id"] = "onnxruntime-genai", ["provider_options"] = new JsonArray() },
                ["filename"] = DecoderFile,
                ["head_size"] = HeadSize,
                ["hidden_size"] = HiddenSize,
                ["inputs"] = inputs,
                ["outputs"] = new JsonObject
                {
                    ["logits"] = LogitsName, ["present_key_names"] = PresentKeyNames, ["present_value_names"] = PresentValueNames,
                },
                ["num_attention_heads"] = NumAttentionHeads,
                ["num_hidden_layers"] = NumHiddenLayers,
                ["num_key_value_heads"] = NumKeyValueHeads,
            },
            ["eos_token_id"] = EosTokenIds.Length == 1 ? EosTokenIds[0] : new JsonArray(EosTokenIds.Select(i => (JsonNode)i).ToArray()),
            ["type"] = ModelType,
            ["vocab_size"] = VocabSize,
        };

        // ONNX Runtime GenAI refuses a null id ("Expected a number"): an absent token is left out instead.
        if (BosTokenId is int bos)
        {
            model["bos_token_id"] = bos;
        }

        if (PadTokenId is int pad)
        {
            model["pad_token_id"] = pad;
        }

        var root = new JsonObject { ["model"] = model, ["search"] = Search.ToJson() };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}

/// <summary>The "search" section: generation defaults a client may override per request.</summary>
public sealed record SearchDefaults
{
    public int MaxLength { get; init; } = 2048;
    public bool DoSample { get; init; }
    public double Temperature { get; init; } = 1.0;
    public int TopK { get; init; } = 1;
    public double TopP { get; init; } = 1.0;
    public double RepetitionPenalty { get; init; } = 1.0;

    internal static SearchDefaults Read(JsonFields f) => new()
    {
        MaxLength = f.OptionalInt("search.max_length") ?? 2048,
        DoSample = f.Bool("search.do_sample", false),
        Temperature = f.Double("search.temperature", 1.0),
        TopK = f.OptionalInt("search.top_k") ?? 1,
        TopP = f.Double("search.top_p", 1.0),
        RepetitionPenalty = f.Double("search.repetition_penalty", 1.0),
    };

    internal JsonObject ToJson() => new()
    {
        ["diversity_penalty"] = 0.0, ["do_sample"] = DoSample, ["early_stopping"] = true, ["length_penalty"] = 1.0,
        ["max_length"] = MaxLength, ["min_length"] = 0, ["no_repeat_ngram_size"] = 0, ["num_beams"] = 1,
        ["num_return_sequences"] = 1, ["past_present_share_buffer"] = false, ["repetition_penalty"] = RepetitionPenalty,
        ["temperature"] = Temperature, ["top_k"] = TopK, ["top_p"] = TopP,
    };
}
