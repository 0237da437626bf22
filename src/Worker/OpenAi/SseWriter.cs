using System.Buffers;
using System.Text.Json;

namespace Gateway.Worker.OpenAi;

/// <summary>Server-sent events as OpenAI streams them: one "data: {json}" per chunk, flushed at once, then "data: [DONE]".</summary>
internal sealed class SseWriter(HttpResponse response)
{
    private static readonly byte[] Prefix = "data: "u8.ToArray();
    private static readonly byte[] Suffix = "\n\n"u8.ToArray();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public bool Started { get; private set; }

    public async Task WriteAsync(Action<Utf8JsonWriter> writeJson, CancellationToken cancellationToken)
    {
        Start();
        _buffer.Clear();
        _buffer.Write(Prefix);
        using (var json = new Utf8JsonWriter(_buffer, WorkerRequest.JsonOutput))
        {
            writeJson(json);
        }

        _buffer.Write(Suffix);
        await response.Body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteDoneAsync(CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync("data: [DONE]\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Start()
    {
        if (Started)
        {
            return;
        }

        Started = true;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // keep reverse proxies from buffering the stream
    }
}
