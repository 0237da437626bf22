using System.Diagnostics;
using Gateway.Inference.Generation;
using Gateway.Worker.Hosting;

namespace Gateway.Worker.Telemetry;

/// <summary>
/// One span per generation, a child of the incoming request's trace (the gateway's, when it forwarded
/// the request), with OpenTelemetry GenAI semantic-convention attributes.
/// </summary>
internal static class GenerationTracing
{
    public const string SourceName = "Gateway.Worker";
    private const string TimeToFirstToken = "gen_ai.server.time_to_first_token";
    private const string StartedProperty = "gateway.started";
    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span; time to first token is measured on <paramref name="clock"/>, the worker's.</summary>
    public static Activity? Start(string operation, LoadedWorkerModel model, GenerationRequest request, TimeProvider clock)
    {
        var activity = Source.StartActivity($"{operation} {model.Department}", ActivityKind.Internal);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("gen_ai.operation.name", operation);
        activity.SetTag("gen_ai.system", "onnxruntime");
        activity.SetTag("gen_ai.request.model", model.Department);
        activity.SetTag("gen_ai.response.model", $"{model.Department}:{model.Version}");
        activity.SetTag("gen_ai.request.max_tokens", request.MaxTokens);
        activity.SetTag("gen_ai.request.temperature", request.Sampling.Temperature);
        activity.SetTag("gen_ai.request.top_p", request.Sampling.TopP);
        activity.SetTag("gen_ai.usage.input_tokens", request.PromptTokens.Count);
        activity.SetTag("gateway.department", model.Department);
        activity.SetTag("gateway.model_version", model.Version);
        activity.SetCustomProperty(StartedProperty, new Started(clock, clock.GetTimestamp()));
        return activity;
    }

    public static void FirstToken(Activity? activity)
    {
        if (activity?.GetCustomProperty(StartedProperty) is Started started && activity.GetTagItem(TimeToFirstToken) is null)
        {
            activity.SetTag(TimeToFirstToken, started.Clock.GetElapsedTime(started.Timestamp).TotalSeconds);
        }
    }

    public static void Finish(Activity? activity, GenerationUsage? usage, FinishReason? finish)
    {
        if (activity is null)
        {
            return;
        }

        if (usage is not null)
        {
            activity.SetTag("gen_ai.usage.output_tokens", usage.CompletionTokens);
        }

        if (finish is { } reason)
        {
            activity.SetTag("gen_ai.response.finish_reasons", new[] { reason == FinishReason.Length ? "length" : "stop" });
        }
    }

    private sealed record Started(TimeProvider Clock, long Timestamp);
}
