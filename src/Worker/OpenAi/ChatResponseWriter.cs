using System.Text;
using System.Text.Json;
using Gateway.Grounding;
using Gateway.Inference.Generation;
using Gateway.Worker.Grounding;
using Gateway.Worker.Hosting;

namespace Gateway.Worker.OpenAi;

/// <summary>chat.completion and chat.completion.chunk objects, as the OpenAI API and SDKs expect them.</summary>
internal sealed class ChatResponseWriter(
    string id, long created, LoadedWorkerModel model, bool logprobs, IReadOnlyList<(Passage Passage, double Score)>? grounding = null) : ResponseWriter
{
    protected override void WriteHeader(Utf8JsonWriter json, bool chunk)
    {
        json.WriteString("id", id);
        json.WriteString("object", chunk ? "chat.completion.chunk" : "chat.completion");
        json.WriteNumber("created", created);
        json.WriteString("model", model.Department);
        json.WriteString("system_fingerprint", $"{model.Department}:{model.Version}");
    }

    // The first chunk names the role, as OpenAI's streams do.
    protected override void WriteFirstChoice(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        json.WriteString("role", "assistant");
        json.WriteString("content", "");
        json.WriteEndObject();
        json.WriteNull("logprobs");
        json.WriteNull("finish_reason");
        json.WriteEndObject();
    }

    protected override void WriteChoice(Utf8JsonWriter json, GenerationUpdate update)
    {
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        if (update.Text.Length > 0)
        {
            json.WriteString("content", update.Text);
        }

        json.WriteEndObject();
        WriteLogprobs(json, update.Logprob is { } lp ? [lp] : []);
        WriteFinish(json, update.FinishReason);
        json.WriteEndObject();
    }

    protected override void WriteChoice(Utf8JsonWriter json, CollectedGeneration result)
    {
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        json.WriteString("content", result.Text);
        json.WriteEndObject();
        WriteLogprobs(json, result.Logprobs);
        WriteFinish(json, result.Finish);
        json.WriteEndObject();
    }

    protected override void WriteExtensions(Utf8JsonWriter json) => GroundingReport.WriteField(json, grounding);

    private void WriteLogprobs(Utf8JsonWriter json, IReadOnlyList<TokenLogprob> tokens)
    {
        if (!logprobs)
        {
            json.WriteNull("logprobs");
            return;
        }

        json.WriteStartObject("logprobs");
        json.WriteStartArray("content");
        foreach (var token in tokens)
        {
            json.WriteStartObject();
            WriteToken(json, token.TokenId, token.Logprob);
            json.WriteStartArray("top_logprobs");
            foreach (var top in token.Top)
            {
                json.WriteStartObject();
                WriteToken(json, top.TokenId, top.Logprob);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteToken(Utf8JsonWriter json, int tokenId, float logprob)
    {
        string text = model.Engine.Tokenizer.Decode([tokenId], skipSpecialTokens: false);
        json.WriteString("token", text);
        json.WriteNumber("logprob", logprob);
        json.WriteStartArray("bytes");
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            json.WriteNumberValue(b);
        }

        json.WriteEndArray();
    }
}
