using System.Buffers;
using System.Text.Json;

namespace Gateway.Protocol.Streaming;

/// <summary>
/// Server-sent events as OpenAI streams them: one <c>data: {json}</c> event per chunk, each ended by a
/// blank line, and <c>data: [DONE]</c> after the last one. A stream that fails ends with an error event
/// and no [DONE], so it cannot pass for a complete one.
/// </summary>
public static class ServerSentEvents
{
    /// <summary>The media type, for recognising a stream whatever parameters its Content-Type carries.</summary>
    public const string MediaType = "text/event-stream";

    public const string ContentType = MediaType + "; charset=utf-8";

    /// <summary>The event that ends a complete stream.</summary>
    public static ReadOnlyMemory<byte> Done { get; } = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>Appends one event whose data is the JSON <paramref name="writeJson"/> writes.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, Action<Utf8JsonWriter> writeJson)
    {
        ArgumentNullException.ThrowIfNull(writeJson);
        output.Write("data: "u8);
        using (var json = new Utf8JsonWriter(output, ProtocolJson.WriterOptions))
        {
            writeJson(json);
        }

        output.Write("\n\n"u8);
    }
}
