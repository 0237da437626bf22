using System.Text.Json;
using Gateway.Inference.Generation;
using Gateway.Inference.Templates;
using Gateway.Worker.Hosting;
using Gateway.Worker.Telemetry;
using Microsoft.Extensions.Options;

namespace Gateway.Worker.OpenAi;

/// <summary>POST /v1/chat/completions: OpenAI chat completions, whole or streamed as server-sent events.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task Handle(HttpContext context, EngineHost host, IOptions<WorkerOptions> options)
    {
        var model = WorkerRequest.RequireModel(host, options.Value);
        var aborted = context.RequestAborted;
        using var document = await RequestReader.ParseAsync(context.Request, aborted).ConfigureAwait(false);
        var body = new RequestReader(document.RootElement);
        WorkerRequest.CheckModelName(body, model);
        var messages = ChatMessages.Read(body);
        bool stream = body.Bool("stream", false);
        bool includeUsage = stream && body.Get("stream_options") is { ValueKind: JsonValueKind.Object } so
            && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;
        int? topLogprobs = body.Bool("logprobs", false) ? (int)(body.Integer("top_logprobs") ?? 0) : null;
        if (topLogprobs is null && body.Has("top_logprobs"))
        {
            throw OpenAiException.BadRequest("'top_logprobs' needs 'logprobs': true", "top_logprobs");
        }

        var tools = body.Get("tools") is { ValueKind: JsonValueKind.Array } t ? (IReadOnlyList<object?>)PlainData.From(t)! : null;
        IReadOnlyList<int> prompt;
        try
        {
            prompt = model.Prompter.Tokenize(messages, addGenerationPrompt: true, tools);
        }
        catch (ChatTemplateException e)
        {
            throw OpenAiException.BadRequest(e.Message, "messages");
        }

        var request = SamplingParameters.Read(body, prompt, topLogprobs);
        using var activity = GenerationTracing.Start("chat", model, request);
        var updates = Generation.Start(model, request, aborted);
        WorkerRequest.SetModelHeaders(context.Response, model);
        var response = new ChatResponseWriter(WorkerRequest.NewId("chatcmpl-"), WorkerRequest.UnixNow(), model, topLogprobs is not null);
        if (stream)
        {
            await Generation.StreamAsync(context.Response, updates, response, includeUsage, activity, aborted).ConfigureAwait(false);
        }
        else
        {
            var result = await Generation.CollectAsync(updates, activity, aborted).ConfigureAwait(false);
            await WorkerRequest.WriteJsonAsync(context.Response, json => response.WriteCompletion(json, result), aborted).ConfigureAwait(false);
        }
    }
}
