using System.Text.Json;
using Gateway.Inference.Generation;
using Gateway.Protocol.Errors;
using Gateway.Text.Chat;
using Gateway.Text.Templates;
using Gateway.Worker.Grounding;
using Gateway.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.OpenAi;

/// <summary>POST /v1/chat/completions: OpenAI chat completions, whole or streamed as server-sent events.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task Handle(HttpContext context, EngineHost host, IOptions<WorkerOptions> options, TimeProvider clock)
    {
        var (lease, document, body) = await WorkerRequest.OpenAsync(context, host, options.Value).ConfigureAwait(false);
        using (lease)
        using (document)
        {
            var model = lease.Model;
            var grounding = ChatGrounding.Apply(model, ChatMessages.Read(body), body);
            GroundingReport.SetHeader(context.Response, grounding.Passages);
            int? topLogprobs = body.Bool("logprobs", false) ? (int)(body.Integer("top_logprobs") ?? 0) : null;
            if (topLogprobs is null && body.Has("top_logprobs"))
            {
                throw OpenAiException.BadRequest("'top_logprobs' needs 'logprobs': true", "top_logprobs");
            }

            var tools = body.Get("tools") is { ValueKind: JsonValueKind.Array } t ? (IReadOnlyList<object?>)PlainData.From(t)! : null;
            IReadOnlyList<int> prompt;
            try
            {
                prompt = model.Prompter.Tokenize(grounding.Messages, addGenerationPrompt: true, tools);
            }
            catch (ChatTemplateException e)
            {
                throw OpenAiException.BadRequest(e.Message, "messages");
            }

            var request = SamplingParameters.Read(body, prompt, topLogprobs);
            var writer = new ChatResponseWriter(WorkerRequest.NewId("chatcmpl-"), WorkerRequest.UnixNow(clock), model, topLogprobs is not null, grounding.Passages);
            await Generation.RespondAsync(context, model, body, request, "chat", writer, clock).ConfigureAwait(false);
        }
    }
}
