using System.Text.Json;

namespace Gateway.Text.Bpe;

/// <summary>Writes tokenizer.json in the Hugging Face <c>tokenizers</c> format, laid out like Qwen2's.</summary>
internal static class TokenizerJsonWriter
{
    public static void Write(string path, TrainedTokenizer tokenizer)
    {
        HuggingFaceJson.WriteFile(path, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("version", "1.0");
            writer.WriteNull("truncation");
            writer.WriteNull("padding");
            WriteAddedTokens(writer, tokenizer.SpecialTokens);

            // No normalizer: training saw raw text, and NFC would break exact round trips of decomposed input.
            writer.WriteNull("normalizer");
            writer.WritePropertyName("pre_tokenizer");
            WritePreTokenizer(writer);
            writer.WritePropertyName("post_processor");
            HuggingFaceJson.WriteByteLevel(writer);
            writer.WritePropertyName("decoder");
            HuggingFaceJson.WriteByteLevel(writer);
            writer.WritePropertyName("model");
            WriteModel(writer, tokenizer);
            writer.WriteEndObject();
        });
    }

    private static void WriteAddedTokens(Utf8JsonWriter writer, IReadOnlyList<string> specialTokens)
    {
        writer.WriteStartArray("added_tokens");
        for (var id = 0; id < specialTokens.Count; id++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("content", specialTokens[id]);
            writer.WriteBoolean("single_word", false);
            writer.WriteBoolean("lstrip", false);
            writer.WriteBoolean("rstrip", false);
            writer.WriteBoolean("normalized", false);
            writer.WriteBoolean("special", true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WritePreTokenizer(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Sequence");
        writer.WriteStartArray("pretokenizers");
        writer.WriteStartObject();
        writer.WriteString("type", "Split");
        writer.WriteStartObject("pattern");
        writer.WriteString("Regex", ByteLevelPreTokenizer.Pattern);
        writer.WriteEndObject();
        writer.WriteString("behavior", "Isolated");
        writer.WriteBoolean("invert", false);
        writer.WriteEndObject();
        HuggingFaceJson.WriteByteLevel(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteModel(Utf8JsonWriter writer, TrainedTokenizer tokenizer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "BPE");
        writer.WriteNull("dropout");
        writer.WriteNull("unk_token");
        writer.WriteString("continuing_subword_prefix", "");
        writer.WriteString("end_of_word_suffix", "");
        writer.WriteBoolean("fuse_unk", false);
        writer.WriteBoolean("byte_fallback", false);
        writer.WriteBoolean("ignore_merges", false);

        writer.WriteStartObject("vocab");
        for (var id = 0; id < tokenizer.Tokens.Count; id++)
        {
            writer.WriteNumber(tokenizer.Tokens[id], id);
        }

        writer.WriteEndObject();

        // Pairs of strings (tokenizers >= 0.20 format): unambiguous even if a token contains a space.
        writer.WriteStartArray("merges");
        foreach (var merge in tokenizer.Merges)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(merge.Left);
            writer.WriteStringValue(merge.Right);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
