using System.Diagnostics;
using System.Text.Json;
using Gateway.Inference.Generation;
using Gateway.Worker.Hosting;
using Gateway.Worker.Telemetry;

namespace Gateway.Worker.OpenAi;

/// <summary>Runs a generation for an endpoint: streamed as server-sent events, or collected into one result.</summary>
internal static class Generation
{
    /// <summary>
    /// Runs the generation and answers: streamed when the body asks for it, else one JSON object. The engine
    /// refuses a bad request or a full queue before any byte is written, so those still get a proper status.
    /// </summary>
    public static async Task RespondAsync(
        HttpContext context, LoadedWorkerModel model, RequestReader body, GenerationRequest request, string operation, ResponseWriter writer, TimeProvider clock)
    {
        var aborted = context.RequestAborted;
        using var activity = GenerationTracing.Start(operation, model, request, clock);
        var updates = model.Engine.GenerateAsync(request, aborted);
        WorkerRequest.SetModelHeaders(context.Response, model);
        if (body.Bool("stream", false))
        {
            bool includeUsage = body.Get("stream_options") is { ValueKind: JsonValueKind.Object } options
                && options.TryGetProperty("include_usage", out var include) && include.ValueKind == JsonValueKind.True;
            await StreamAsync(context.Response, updates, writer, includeUsage, activity, aborted).ConfigureAwait(false);
        }
        else
        {
            var result = await CollectAsync(updates, activity, aborted).ConfigureAwait(false);
            await WorkerRequest.WriteJsonAsync(context.Response, json => writer.WriteCompletion(json, result), aborted).ConfigureAwait(false);
        }
    }

    public static async Task<CollectedGeneration> CollectAsync(IAsyncEnumerable<GenerationUpdate> updates, Activity? activity, CancellationToken aborted)
    {
        var text = new System.Text.StringBuilder();
        var logprobs = new List<TokenLogprob>();
        FinishReason finish = FinishReason.Stop;
        GenerationUsage? usage = null;
        await foreach (var update in updates.WithCancellation(aborted).ConfigureAwait(false))
        {
            GenerationTracing.FirstToken(activity);
            text.Append(update.Text);
            if (update.Logprob is { } logprob)
            {
                logprobs.Add(logprob);
            }

            finish = update.FinishReason ?? finish;
            usage = update.Usage ?? usage;
        }

        GenerationTracing.Finish(activity, usage, finish);
        return new CollectedGeneration(text.ToString(), finish, usage ?? new GenerationUsage(0, 0), logprobs);
    }

    /// <summary>
    /// Streams chunks as tokens arrive. A client that disconnects cancels the generation (its batch slot
    /// is freed); a failure after the first byte is sent as an OpenAI error event, without [DONE], so the
    /// stream can never pass for a complete one.
    /// </summary>
    public static async Task StreamAsync(
        HttpResponse response, IAsyncEnumerable<GenerationUpdate> updates, ResponseWriter writer, bool includeUsage, Activity? activity, CancellationToken aborted)
    {
        var sse = new SseWriter(response);
        try
        {
            await sse.WriteAsync(json => writer.WriteStart(json, includeUsage), aborted).ConfigureAwait(false);
            GenerationUsage? usage = null;
            await foreach (var update in updates.WithCancellation(aborted).ConfigureAwait(false))
            {
                GenerationTracing.FirstToken(activity);
                GenerationTracing.Finish(activity, update.Usage, update.FinishReason);
                usage = update.Usage ?? usage;
                if (update.Text.Length > 0 || update.FinishReason is not null || update.Logprob is not null)
                {
                    await sse.WriteAsync(json => writer.WriteChunk(json, update, includeUsage), aborted).ConfigureAwait(false);
                }
            }

            if (includeUsage && usage is not null)
            {
                await sse.WriteAsync(json => writer.WriteUsageChunk(json, usage), aborted).ConfigureAwait(false);
            }

            await sse.WriteDoneAsync(aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; the engine has already been told through the same token.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            var error = OpenAiErrors.FromException(e);
            await sse.WriteAsync(error.WriteBody, CancellationToken.None).ConfigureAwait(false);
        }
    }
}

public sealed record CollectedGeneration(string Text, FinishReason Finish, GenerationUsage Usage, IReadOnlyList<TokenLogprob> Logprobs);

