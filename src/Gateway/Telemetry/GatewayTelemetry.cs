using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Telemetry;

/// <summary>
/// Traces from the incoming request through YARP's outgoing call (W3C trace context reaches the worker,
/// whose spans join the same trace), metrics on /metrics for Prometheus, and OTLP for both when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
internal static class GatewayTelemetry
{
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        bool otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("gateway"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GatewayMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                // Spans cost time on every request; without an exporter nobody reads them.
                if (otlp)
                {
                    tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource("Yarp.ReverseProxy").AddOtlpExporter();
                }
            });
        return builder;
    }
}
