using System.Text.Json;
using Gateway.Worker.Hosting;
using Gateway.Worker.Telemetry;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.OpenAi;

/// <summary>POST /v1/completions: the legacy completions API, prompt as a string or as token ids.</summary>
internal static class CompletionsEndpoint
{
    public static async Task Handle(HttpContext context, EngineHost host, IOptions<WorkerOptions> options)
    {
        var model = WorkerRequest.RequireModel(host, options.Value);
        var aborted = context.RequestAborted;
        using var document = await RequestReader.ParseAsync(context.Request, aborted).ConfigureAwait(false);
        var body = new RequestReader(document.RootElement);
        WorkerRequest.CheckModelName(body, model);
        if (body.Bool("echo", false))
        {
            throw OpenAiException.BadRequest("'echo' is not supported", "echo");
        }

        if (body.Has("suffix"))
        {
            throw OpenAiException.BadRequest("'suffix' is not supported by this model", "suffix");
        }

        var prompt = ReadPrompt(body, model);
        int? topLogprobs = body.Integer("logprobs") is long lp ? (int)lp : null;
        bool stream = body.Bool("stream", false);
        bool includeUsage = stream && body.Get("stream_options") is { ValueKind: JsonValueKind.Object } so
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        var request = SamplingParameters.Read(body, prompt, topLogprobs);
        using var activity = GenerationTracing.Start("text_completion", model, request);
        var updates = Generation.Start(model, request, aborted);
        WorkerRequest.SetModelHeaders(context.Response, model);
        var writer = new CompletionResponseWriter(WorkerRequest.NewId("cmpl-"), WorkerRequest.UnixNow(), model, topLogprobs is not null);
        if (stream)
        {
            await Generation.StreamAsync(context.Response, updates, writer, includeUsage, activity, aborted).ConfigureAwait(false);
        }
        else
        {
            var result = await Generation.CollectAsync(updates, activity, aborted).ConfigureAwait(false);
            await WorkerRequest.WriteJsonAsync(context.Response, json => writer.WriteCompletion(json, result), aborted).ConfigureAwait(false);
        }
    }

    /// <summary>A string (encoded with the tokenizer's special tokens, as HF does), or an array of token ids.</summary>
    private static IReadOnlyList<int> ReadPrompt(RequestReader body, LoadedWorkerModel model)
    {
        switch (body.Get("prompt"))
        {
            case null:
                throw OpenAiException.BadRequest("'prompt' is required", "prompt");
            case { ValueKind: JsonValueKind.String } text:
                return model.Engine.Tokenizer.Encode(text.GetString()!, addSpecialTokens: true);
            case { ValueKind: JsonValueKind.Array } array when array.GetArrayLength() == 1 && array[0].ValueKind == JsonValueKind.String:
                return model.Engine.Tokenizer.Encode(array[0].GetString()!, addSpecialTokens: true);
            case { ValueKind: JsonValueKind.Array } array when array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number):
                return array.EnumerateArray().Select(e => e.TryGetInt32(out int id) ? id
                    : throw OpenAiException.BadRequest("'prompt' token ids must be integers", "prompt")).ToList();
            case { ValueKind: JsonValueKind.Array }:
                throw OpenAiException.BadRequest("'prompt' as an array must hold token ids, or exactly one string: batched prompts are not supported", "prompt");
            default:
                throw RequestReader.Wrong("prompt", "a string or an array of token ids");
        }
    }
}
