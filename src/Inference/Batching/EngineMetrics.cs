using System.Diagnostics.Metrics;

namespace Gateway.Inference.Batching;

/// <summary>
/// The engine's instruments, on the "Gateway.Inference" meter; the worker exports them (Prometheus, OTLP).
/// Names follow the OpenTelemetry GenAI conventions where they exist.
/// </summary>
public sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "Gateway.Inference";

    private readonly Meter _meter;

    public EngineMetrics(string department, Func<int> queued, Func<int> active)
    {
        _meter = new Meter(MeterName);
        var tags = new KeyValuePair<string, object?>[] { new("department", department) };
        PromptTokens = _meter.CreateCounter<long>("gen_ai.server.tokens.prompt", "{token}", "Prompt tokens prefilled");
        CompletionTokens = _meter.CreateCounter<long>("gen_ai.server.tokens.completion", "{token}", "Tokens generated");
        TimeToFirstToken = _meter.CreateHistogram<double>("gen_ai.server.time_to_first_token", "s", "Time from submission to the first generated token");
        TimePerOutputToken = _meter.CreateHistogram<double>("gen_ai.server.time_per_output_token", "s", "Time between consecutive generated tokens");
        _meter.CreateObservableGauge("gen_ai.server.queue.depth", () => new Measurement<int>(queued(), tags), "{request}", "Requests waiting for a batch slot");
        _meter.CreateObservableGauge("gen_ai.server.sequences.active", () => new Measurement<int>(active(), tags), "{sequence}", "Sequences in the running batch");
        Tags = tags;
    }

    internal KeyValuePair<string, object?>[] Tags { get; }
    internal Counter<long> PromptTokens { get; }
    internal Counter<long> CompletionTokens { get; }
    internal Histogram<double> TimeToFirstToken { get; }
    internal Histogram<double> TimePerOutputToken { get; }

    public void Dispose() => _meter.Dispose();
}
