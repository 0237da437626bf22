using System.Text.Json;
using Gateway.Inference.Generation;
using Gateway.Worker.Hosting;

namespace Gateway.Worker.OpenAi;

/// <summary>text_completion objects of the legacy completions API, whole and as stream chunks.</summary>
internal sealed class CompletionResponseWriter(string id, long created, LoadedWorkerModel model, bool logprobs) : ResponseWriter
{
    protected override void WriteHeader(Utf8JsonWriter json, bool chunk)
    {
        json.WriteString("id", id);
        json.WriteString("object", "text_completion");
        json.WriteNumber("created", created);
        json.WriteString("model", model.Department);
    }

    // The legacy stream has no role chunk; its first event already has the shape of the others.
    protected override void WriteFirstChoice(Utf8JsonWriter json) => WriteChoice(json, new GenerationUpdate());

    protected override void WriteChoice(Utf8JsonWriter json, GenerationUpdate update) =>
        WriteChoice(json, update.Text, update.Logprob is { } lp ? [lp] : [], update.FinishReason);

    protected override void WriteChoice(Utf8JsonWriter json, CollectedGeneration result) =>
        WriteChoice(json, result.Text, result.Logprobs, result.Finish);

    private void WriteChoice(Utf8JsonWriter json, string text, IReadOnlyList<TokenLogprob> tokens, FinishReason? finish)
    {
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteString("text", text);
        if (logprobs)
        {
            WriteLegacyLogprobs(json, tokens);
        }
        else
        {
            json.WriteNull("logprobs");
        }

        WriteFinish(json, finish);
        json.WriteEndObject();
    }

    /// <summary>The legacy format: parallel arrays of tokens and logprobs, and one {token: logprob} map per position.</summary>
    private void WriteLegacyLogprobs(Utf8JsonWriter json, IReadOnlyList<TokenLogprob> tokens)
    {
        var tokenizer = model.Engine.Tokenizer;
        json.WriteStartObject("logprobs");
        json.WriteStartArray("tokens");
        foreach (var t in tokens)
        {
            json.WriteStringValue(tokenizer.Decode([t.TokenId], skipSpecialTokens: false));
        }

        json.WriteEndArray();
        json.WriteStartArray("token_logprobs");
        foreach (var t in tokens)
        {
            json.WriteNumberValue(t.Logprob);
        }

        json.WriteEndArray();
        json.WriteStartArray("top_logprobs");
        foreach (var t in tokens)
        {
            json.WriteStartObject();
            foreach (var top in t.Top)
            {
                json.WriteNumber(tokenizer.Decode([top.TokenId], skipSpecialTokens: false), top.Logprob);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
