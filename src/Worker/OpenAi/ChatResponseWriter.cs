using System.Text;
using System.Text.Json;
using Gateway.Grounding;
using Gateway.Inference.Generation;
using Gateway.Worker.Grounding;
using Gateway.Worker.Hosting;

namespace Gateway.Worker.OpenAi;

/// <summary>chat.completion and chat.completion.chunk objects, as the OpenAI API and SDKs expect them.</summary>
internal sealed class ChatResponseWriter(
    string id, long created, LoadedWorkerModel model, bool logprobs, IReadOnlyList<(Passage Passage, double Score)>? grounding = null) : IResponseWriter
{
    public void WriteStart(Utf8JsonWriter json, bool includeUsage) => Chunk(json, includeUsage, choices: () =>
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
    });

    public void WriteChunk(Utf8JsonWriter json, GenerationUpdate update, bool includeUsage) => Chunk(json, includeUsage, choices: () =>
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
    });

    public void WriteUsageChunk(Utf8JsonWriter json, GenerationUsage usage)
    {
        json.WriteStartObject();
        WriteHeader(json, "chat.completion.chunk");
        json.WriteStartArray("choices");
        json.WriteEndArray();
        OpenAiUsage.Write(json, usage);
        json.WriteEndObject();
    }

    public void WriteCompletion(Utf8JsonWriter json, CollectedGeneration result)
    {
        json.WriteStartObject();
        WriteHeader(json, "chat.completion");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        json.WriteString("content", result.Text);
        json.WriteEndObject();
        WriteLogprobs(json, result.Logprobs);
        WriteFinish(json, result.Finish);
        json.WriteEndObject();
        json.WriteEndArray();
        OpenAiUsage.Write(json, result.Usage);
        GroundingReport.WriteField(json, grounding);
        json.WriteEndObject();
    }

    private void Chunk(Utf8JsonWriter json, bool includeUsage, Action choices)
    {
        json.WriteStartObject();
        WriteHeader(json, "chat.completion.chunk");
        json.WriteStartArray("choices");
        choices();
        json.WriteEndArray();
        if (includeUsage)
        {
            json.WriteNull("usage");
        }

        json.WriteEndObject();
    }

    private void WriteHeader(Utf8JsonWriter json, string objectType)
    {
        json.WriteString("id", id);
        json.WriteString("object", objectType);
        json.WriteNumber("created", created);
        json.WriteString("model", model.Department);
        json.WriteString("system_fingerprint", $"{model.Department}:{model.Version}");
    }

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

    private static void WriteFinish(Utf8JsonWriter json, FinishReason? finish)
    {
        if (finish is null)
        {
            json.WriteNull("finish_reason");
        }
        else
        {
            json.WriteString("finish_reason", finish == FinishReason.Length ? "length" : "stop");
        }
    }
}

internal static class OpenAiUsage
{
    public static void Write(Utf8JsonWriter json, GenerationUsage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens);
        json.WriteNumber("total_tokens", usage.TotalTokens);
        json.WriteEndObject();
    }

    public static string FinishName(FinishReason finish) => finish == FinishReason.Length ? "length" : "stop";
}
