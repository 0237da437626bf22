using System.Text.Json;
using Gateway.Protocol.Errors;
using Gateway.Text.Templates;
using Gateway.Worker.Grounding;
using Gateway.Worker.Hosting;
using Gateway.Worker.OpenAi;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.Tokenize;

/// <summary>
/// POST /tokenize and /detokenize in the shapes vLLM uses: a prompt (with add_special_tokens, default true),
/// or chat messages rendered through the chat template (add_generation_prompt, default true;
/// add_special_tokens default false, since the template writes them).
/// </summary>
internal static class TokenizeEndpoints
{
    public static async Task Tokenize(HttpContext context, EngineHost host, IOptions<WorkerOptions> options)
    {
        var (lease, document, body) = await WorkerRequest.OpenAsync(context, host, options.Value).ConfigureAwait(false);
        using var leaseScope = lease;
        using var documentScope = document;
        var model = lease.Model;
        var tokenizer = model.Engine.Tokenizer;
        IReadOnlyList<int> tokens;
        if (body.Has("messages"))
        {
            string text;
            try
            {
                var grounding = ChatGrounding.Apply(model, ChatMessages.Read(body), body);
                GroundingReport.SetHeader(context.Response, grounding.Passages);
                text = model.Prompter.Render(grounding.Messages, body.Bool("add_generation_prompt", true));
            }
            catch (ChatTemplateException e)
            {
                throw OpenAiException.BadRequest(e.Message, "messages");
            }

            tokens = tokenizer.Encode(text, body.Bool("add_special_tokens", false));
        }
        else
        {
            string prompt = body.String("prompt") ?? throw OpenAiException.BadRequest("give 'prompt' or 'messages'", "prompt");
            tokens = tokenizer.Encode(prompt, body.Bool("add_special_tokens", true));
        }

        await WorkerRequest.WriteJsonAsync(context.Response, json =>
        {
            json.WriteStartObject();
            json.WriteNumber("count", tokens.Count);
            json.WriteNumber("max_model_len", model.Engine.Model.ContextLength);
            json.WriteStartArray("tokens");
            foreach (int token in tokens)
            {
                json.WriteNumberValue(token);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }, context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task Detokenize(HttpContext context, EngineHost host, IOptions<WorkerOptions> options)
    {
        var (lease, document, body) = await WorkerRequest.OpenAsync(context, host, options.Value).ConfigureAwait(false);
        using var leaseScope = lease;
        using var documentScope = document;
        var model = lease.Model;
        if (body.Get("tokens") is not { ValueKind: JsonValueKind.Array } array)
        {
            throw OpenAiException.BadRequest("'tokens' must be an array of token ids", "tokens");
        }

        int vocab = model.Engine.Tokenizer.VocabSize;
        var ids = array.EnumerateArray().Select(e => e.TryGetInt32(out int id) && id >= 0 && id < vocab ? id
            : throw OpenAiException.BadRequest($"'tokens' must hold ids from 0 to {vocab - 1}", "tokens")).ToList();
        string text = model.Engine.Tokenizer.Decode(ids, skipSpecialTokens: false);
        await WorkerRequest.WriteJsonAsync(context.Response, json =>
        {
            json.WriteStartObject();
            json.WriteString("prompt", text);
            json.WriteEndObject();
        }, context.RequestAborted).ConfigureAwait(false);
    }
}
