using System.Text.Json;
using Gateway.Inference.Generation;

namespace Gateway.Worker.OpenAi;

/// <summary>
/// The JSON of one endpoint's responses (chat or legacy completions): one whole object, or a stream of chunks.
/// Every object is the endpoint's header, its choices, then usage; that envelope is written here, for both
/// endpoints and every kind of chunk. An endpoint writes its header and its choices.
/// </summary>
internal abstract class ResponseWriter
{
    /// <summary>Stream chunks until the last carry <c>"usage": null</c> when the client asked for usage, as OpenAI's do.</summary>
    private static readonly Action<Utf8JsonWriter> UsageToCome = json => json.WriteNull("usage");

    public void WriteStart(Utf8JsonWriter json, bool includeUsage) =>
        WriteObject(json, chunk: true, WriteFirstChoice, includeUsage ? UsageToCome : null);

    public void WriteChunk(Utf8JsonWriter json, GenerationUpdate update, bool includeUsage) =>
        WriteObject(json, chunk: true, choice => WriteChoice(choice, update), includeUsage ? UsageToCome : null);

    /// <summary>The chunk after the last token when the client asked for usage: no choices, the usage.</summary>
    public void WriteUsageChunk(Utf8JsonWriter json, GenerationUsage usage) =>
        WriteObject(json, chunk: true, choices: null, after => WriteUsage(after, usage));

    public void WriteCompletion(Utf8JsonWriter json, CollectedGeneration result) =>
        WriteObject(json, chunk: false, choice => WriteChoice(choice, result), after =>
        {
            WriteUsage(after, result.Usage);
            WriteExtensions(after);
        });

    /// <summary>id, object, created, model (and what else the endpoint names) of a whole object or of a chunk.</summary>
    protected abstract void WriteHeader(Utf8JsonWriter json, bool chunk);

    /// <summary>The choice of the stream's first chunk, before any token.</summary>
    protected abstract void WriteFirstChoice(Utf8JsonWriter json);

    protected abstract void WriteChoice(Utf8JsonWriter json, GenerationUpdate update);

    protected abstract void WriteChoice(Utf8JsonWriter json, CollectedGeneration result);

    /// <summary>Fields of ours after usage in a whole object, which OpenAI clients ignore; none unless the endpoint has some.</summary>
    protected virtual void WriteExtensions(Utf8JsonWriter json)
    {
    }

    protected static void WriteFinish(Utf8JsonWriter json, FinishReason? finish)
    {
        if (finish is { } reason)
        {
            json.WriteString("finish_reason", reason == FinishReason.Length ? "length" : "stop");
        }
        else
        {
            json.WriteNull("finish_reason");
        }
    }

    private void WriteObject(Utf8JsonWriter json, bool chunk, Action<Utf8JsonWriter>? choices, Action<Utf8JsonWriter>? after)
    {
        json.WriteStartObject();
        WriteHeader(json, chunk);
        json.WriteStartArray("choices");
        choices?.Invoke(json);
        json.WriteEndArray();
        after?.Invoke(json);
        json.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter json, GenerationUsage usage)
    {
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens);
        json.WriteNumber("total_tokens", usage.TotalTokens);
        json.WriteEndObject();
    }
}
