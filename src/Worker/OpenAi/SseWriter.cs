using System.Buffers;
using System.Text.Json;
using Gateway.Protocol.Streaming;

namespace Gateway.Worker.OpenAi;

/// <summary>A response streamed as <see cref="ServerSentEvents"/>: headers on the first event, each event flushed at once.</summary>
internal sealed class SseWriter(HttpResponse response)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public bool Started { get; private set; }

    public async Task WriteAsync(Action<Utf8JsonWriter> writeJson, CancellationToken cancellationToken)
    {
        Start();
        _buffer.Clear();
        ServerSentEvents.WriteEvent(_buffer, writeJson);
        await response.Body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteDoneAsync(CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(ServerSentEvents.Done, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Start()
    {
        if (Started)
        {
            return;
        }

        Started = true;
        response.ContentType = ServerSentEvents.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // keep reverse proxies from buffering the stream
    }
}
