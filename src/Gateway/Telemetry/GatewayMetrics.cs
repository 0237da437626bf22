using System.Diagnostics.Metrics;
using Gateway.Routing;

namespace Gateway.Telemetry;

/// <summary>The gateway's own instruments (meter "Gateway"): routing decisions and confidence, forwarded requests by status, upstream latency.</summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Gateway";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _confidence;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _upstream;
    private readonly Histogram<double> _firstByte;

    public GatewayMetrics()
    {
        _decisions = _meter.CreateCounter<long>("gateway.routing.decisions", "{decision}", "Routing decisions by department and reason");
        _confidence = _meter.CreateHistogram<double>("gateway.routing.confidence", "1", "Intent-model confidence of routed requests");
        _requests = _meter.CreateCounter<long>("gateway.requests", "{request}", "Forwarded requests by department and status");
        _upstream = _meter.CreateHistogram<double>("gateway.upstream.duration", "s", "Time from forwarding to the end of the worker's response");
        _firstByte = _meter.CreateHistogram<double>("gateway.upstream.time_to_first_byte", "s", "Time from forwarding to the response's first byte (first token when streaming)");
    }

    public void RecordDecision(RouteDecision decision)
    {
        string reason = decision.Reason.StartsWith("intent model", StringComparison.Ordinal) ? "intent" : decision.Reason.Split(':')[0];
        _decisions.Add(1, new("department", decision.Department), new("reason", reason));
        if (decision.IntentModelVersion is not null)
        {
            _confidence.Record(decision.Confidence, new KeyValuePair<string, object?>("department", decision.Department));
        }
    }

    public void RecordUpstream(string department, int status, TimeSpan duration)
    {
        _requests.Add(1, new("department", department), new("status", status));
        _upstream.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("department", department));
    }

    public void RecordFirstByte(string department, TimeSpan elapsed) =>
        _firstByte.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("department", department));

    public void Dispose() => _meter.Dispose();
}
