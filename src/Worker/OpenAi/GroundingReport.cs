using System.Text.Json;
using Gateway.Grounding;
using Gateway.Protocol.Http;

namespace Gateway.Worker.OpenAi;

/// <summary>
/// How a response says which passages grounded it: the <see cref="ProtocolHeaders.Grounding"/> header (ids, best first,
/// comma-separated; empty when nothing matched) on every grounded response, and in a whole chat.completion
/// a top-level <c>"grounding": [{"id","title","score"}]</c> extension field that OpenAI clients ignore.
/// </summary>
internal static class GroundingReport
{
    public static void SetHeader(HttpResponse response, IReadOnlyList<(Passage Passage, double Score)>? passages)
    {
        if (passages is not null)
        {
            response.Headers[ProtocolHeaders.Grounding] = string.Join(',', passages.Select(p => p.Passage.Id));
        }
    }

    public static void WriteField(Utf8JsonWriter json, IReadOnlyList<(Passage Passage, double Score)>? passages)
    {
        if (passages is null)
        {
            return;
        }

        json.WriteStartArray(GroundingRequest.Field);
        foreach (var (passage, score) in passages)
        {
            json.WriteStartObject();
            json.WriteString("id", passage.Id);
            json.WriteString("title", passage.Title);
            json.WriteNumber("score", Math.Round(score, 4));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
