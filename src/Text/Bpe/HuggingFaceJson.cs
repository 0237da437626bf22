using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Text.Bpe;

/// <summary>Shared JSON settings for the files written here.</summary>
internal static class HuggingFaceJson
{
    // Relaxed escaping keeps byte-level symbols (Ġ, Ċ, ...) and '<|' readable; a fixed "\n" keeps output
    // byte-identical across operating systems.
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static void WriteFile(string path, Action<Utf8JsonWriter> write)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        write(writer);
        writer.Flush();
    }

    /// <summary>Writes the ByteLevel settings Qwen2 uses for its pre-tokenizer step, post-processor and decoder.</summary>
    public static void WriteByteLevel(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "ByteLevel");
        writer.WriteBoolean("add_prefix_space", false);
        writer.WriteBoolean("trim_offsets", false);
        writer.WriteBoolean("use_regex", false);
        writer.WriteEndObject();
    }
}
