using System.Collections.Concurrent;
using System.Text.Json;
using Gateway.Configuration;

namespace Gateway.Supervision;

/// <summary>
/// Polls every worker's /readyz to know which are ready and which model version each serves: for
/// GET /v1/models, the gateway's own readiness, and the supervisor's start-up wait.
/// </summary>
public sealed class WorkerStatusTracker(RoutingConfigStore configs, IHttpClientFactory httpClients, TimeProvider clock) : BackgroundService
{
    private readonly ConcurrentDictionary<Uri, WorkerStatus> _statuses = new();

    public string? VersionOf(string department) =>
        configs.Current.Departments.TryGetValue(department, out var settings)
            ? settings.Workers.Select(w => _statuses.GetValueOrDefault(w.BaseAddress)).FirstOrDefault(s => s?.Ready == true)?.Version
            : null;

    public bool IsReady(Uri worker) => _statuses.GetValueOrDefault(worker)?.Ready == true;

    /// <summary>Every department has at least one ready worker.</summary>
    public bool AllDepartmentsReady() =>
        configs.Current.Departments.Values.All(d => d.Workers.Any(w => IsReady(w.BaseAddress)));

    public async Task<WorkerStatus> ProbeAsync(Uri worker, CancellationToken cancellationToken)
    {
        var status = new WorkerStatus(false, null);
        try
        {
            using var client = httpClients.CreateClient("worker-probe");
            using var response = await client.GetAsync(new Uri(worker, "/readyz"), cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                status = new WorkerStatus(true, body.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            // Down, starting, or not ours: not ready.
        }

        _statuses[worker] = status;
        return status;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var workers = configs.Current.Departments.Values.SelectMany(d => d.Workers).Select(w => w.BaseAddress).Distinct().ToList();
            await Task.WhenAll(workers.Select(w => ProbeAsync(w, stoppingToken))).ConfigureAwait(false);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(2, configs.Current.HealthChecks.Interval.TotalSeconds)), clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

public sealed record WorkerStatus(bool Ready, string? Version);
