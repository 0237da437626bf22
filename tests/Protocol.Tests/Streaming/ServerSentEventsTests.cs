using System.Buffers;
using System.Text;
using Gateway.Protocol.Streaming;

namespace Gateway.Protocol.Tests.Streaming;

public class ServerSentEventsTests
{
    [Fact]
    public void WriteEvent_FramesEachJsonAsOneDataEvent()
    {
        var output = new ArrayBufferWriter<byte>();

        ServerSentEvents.WriteEvent(output, json => json.WriteNumberValue(1));
        ServerSentEvents.WriteEvent(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("content", "café \"ok\"");
            json.WriteEndObject();
        });

        Assert.Equal("data: 1\n\ndata: {\"content\":\"café \\\"ok\\\"\"}\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Done_IsTheDoneEvent() => Assert.Equal("data: [DONE]\n\n", Encoding.UTF8.GetString(ServerSentEvents.Done.Span));
}
