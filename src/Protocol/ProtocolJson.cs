using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gateway.Protocol;

/// <summary>How our processes write JSON for clients.</summary>
public static class ProtocolJson
{
    /// <summary>Text as OpenAI writes it: non-ASCII and quotes unescaped (clients read either; people read this one).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
