using System.Text.Json;
using Gateway.Protocol.Errors;
using Gateway.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.OpenAi;

/// <summary>POST /v1/completions: the legacy completions API, prompt as a string or as token ids.</summary>
internal static class CompletionsEndpoint
{
    public static async Task Handle(HttpContext context, EngineHost host, IOptions<WorkerOptions> options, TimeProvider clock)
    {
        var (lease, document, body) = await WorkerRequest.OpenAsync(context, host, options.Value).ConfigureAwait(false);
        using (lease)
        using (document)
        {
            var model = lease.Model;
            if (body.Bool("echo", false))
            {
                throw OpenAiException.BadRequest("'echo' is not supported", "echo");
            }

            if (body.Has("suffix"))
            {
                throw OpenAiException.BadRequest("'suffix' is not supported by this model", "suffix");
            }

            int? topLogprobs = body.Integer("logprobs") is long lp ? (int)lp : null;
            var request = SamplingParameters.Read(body, ReadPrompt(body, model), topLogprobs);
            var writer = new CompletionResponseWriter(WorkerRequest.NewId("cmpl-"), WorkerRequest.UnixNow(clock), model, topLogprobs is not null);
            await Generation.RespondAsync(context, model, body, request, "text_completion", writer, clock).ConfigureAwait(false);
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
