using Gateway.Inference.Batching;
using Gateway.Worker.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Worker.Telemetry;

/// <summary>
/// Metrics for Prometheus on /metrics (engine tokens, time to first token, inter-token latency, queue
/// depth, active sequences, HTTP server), traces from incoming requests, and OTLP export of both when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
internal static class TelemetryExtensions
{
    public static WebApplicationBuilder AddWorkerTelemetry(this WebApplicationBuilder builder)
    {
        bool otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            // The service is named after the department, read from the validated options once the container is built.
            .ConfigureResource(r => r.AddDetector(services => new DepartmentService(services.GetRequiredService<IOptions<WorkerOptions>>().Value.Department)))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EngineMetrics.MeterName).AddAspNetCoreInstrumentation().AddPrometheusExporter();
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
                    tracing.AddSource(GenerationTracing.SourceName).AddAspNetCoreInstrumentation().AddOtlpExporter();
                }
            });
        _ = telemetry;
        return builder;
    }

    private sealed class DepartmentService(string department) : IResourceDetector
    {
        public Resource Detect() => ResourceBuilder.CreateEmpty().AddService($"gateway-worker-{department}").Build();
    }
}
