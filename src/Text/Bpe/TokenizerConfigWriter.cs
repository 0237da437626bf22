using System.Globalization;
using System.Text.Json;

namespace Gateway.Text.Bpe;

/// <summary>Writes tokenizer_config.json for <c>transformers</c>' PreTrainedTokenizerFast with Qwen2's conventions.</summary>
internal static class TokenizerConfigWriter
{
    public const string EndOfTextToken = "<|endoftext|>";

    public static void Write(string path, TrainedTokenizer tokenizer, int modelMaxLength, string defaultSystemMessage)
    {
        var specials = tokenizer.SpecialTokens;
        var hasChatMl = specials.Contains(ChatMlTemplate.ImStart) && specials.Contains(ChatMlTemplate.ImEnd);

        // Qwen2: generation ends at <|im_end|>, padding uses <|endoftext|>; fall back sensibly for other token sets.
        var eos = specials.Contains(ChatMlTemplate.ImEnd) ? ChatMlTemplate.ImEnd : specials.Contains(EndOfTextToken) ? EndOfTextToken : null;
        var pad = specials.Contains(EndOfTextToken) ? EndOfTextToken : null;

        HuggingFaceJson.WriteFile(path, writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("add_bos_token", false);
            writer.WriteBoolean("add_eos_token", false);
            writer.WriteStartObject("added_tokens_decoder");
            for (var id = 0; id < specials.Count; id++)
            {
                writer.WriteStartObject(id.ToString(CultureInfo.InvariantCulture));
                writer.WriteString("content", specials[id]);
                writer.WriteBoolean("lstrip", false);
                writer.WriteBoolean("normalized", false);
                writer.WriteBoolean("rstrip", false);
                writer.WriteBoolean("single_word", false);
                writer.WriteBoolean("special", true);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("additional_special_tokens");
            foreach (var token in specials.Where(t => t != pad))
            {
                writer.WriteStringValue(token);
            }

            writer.WriteEndArray();
            writer.WriteNull("bos_token");
            if (hasChatMl)
            {
                writer.WriteString("chat_template", ChatMlTemplate.Build(defaultSystemMessage));
            }

            writer.WriteBoolean("clean_up_tokenization_spaces", false);
            WriteStringOrNull(writer, "eos_token", eos);
            writer.WriteString("errors", "replace");
            writer.WriteNumber("model_max_length", modelMaxLength);
            WriteStringOrNull(writer, "pad_token", pad);
            writer.WriteBoolean("split_special_tokens", false);
            writer.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
            writer.WriteNull("unk_token");
            writer.WriteEndObject();
        });
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
