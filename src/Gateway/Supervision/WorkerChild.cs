using System.Diagnostics;
using Gateway.Configuration;
using Gateway.Grounding;
using Gateway.Protocol.Workers;

namespace Gateway.Supervision;

/// <summary>One supervised worker process: how to start it, its log lines forwarded with a department prefix.</summary>
/// <param name="knowledge">The department's grounding with its knowledge folder already absolute; null serves without one.</param>
/// <param name="clock">The gateway's clock, which says whether a worker ran long enough to count as stable.</param>
public sealed partial class WorkerChild(
    string department, WorkerConfig worker, Func<string> model, string assembly, string? adminToken, ILogger logger,
    GroundingConfig? knowledge = null, TimeProvider? clock = null)
{
    /// <summary>A worker that stayed up this long exited for a new reason: its restarts start their backoff afresh.</summary>
    private static readonly TimeSpan StableRun = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private Process? _process;

    public string Department => department;
    public string Name { get; } = $"{department}:{worker.Port}";
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;
    public int Starts { get; private set; }

    /// <summary>Runs the worker until it exits (throws <see cref="WorkerExitedException"/>) or the gateway stops (kills it).</summary>
    public async Task RunUntilExitAsync(CancellationToken stoppingToken)
    {
        long started = _clock.GetTimestamp();
        using var process = Start();
        _process = process;
        Starts++;
        try
        {
            await process.WaitForExitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Stop();
            throw;
        }

        var ran = _clock.GetElapsedTime(started);
        LogExited(logger, Name, process.ExitCode, ran.TotalSeconds);
        if (ran < StableRun)
        {
            throw new WorkerExitedException($"{Name} exited with code {process.ExitCode}");
        }
    }

    public void Stop()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// What the worker is started with now: routing.json's settings for it, the version to serve (the one active at this
    /// start), this gateway's process id and the admin token. Settings routing.json leaves out stay unset: the worker's defaults.
    /// </summary>
    public WorkerLaunch Launch() => new()
    {
        Department = department,
        Model = model(),
        Port = worker.Port!.Value,
        Device = worker.Device,
        MaxBatchSize = worker.MaxBatchSize,
        IntraOpThreads = worker.Threads,
        GpuMemoryLimitBytes = worker.GpuMemoryLimitBytes,
        ParentProcessId = Environment.ProcessId,
        Knowledge = knowledge?.Knowledge,
        GroundingTopK = knowledge?.TopK,
        GroundingUnit = knowledge?.Unit?.Name(),
        Grounding = knowledge?.Enabled,
        AdminToken = adminToken,
    };

    /// <summary>The worker's command line after the assembly.</summary>
    public IEnumerable<string> Arguments() => Launch().Arguments();

    private Process Start()
    {
        var launch = Launch();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        foreach (string arg in launch.Arguments())
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in launch.Environment())
        {
            info.Environment[name] = value; // secrets: not on the command line, where ps would show them
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LogStarted(logger, Name, process.Id, launch.Model);
        return process;
    }

    private void Forward(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            LogWorkerOutput(logger, Name, line);
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "[{Worker}] started (pid {Pid}) serving {Model}")]
    private static partial void LogStarted(ILogger logger, string worker, int pid, string model);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "[{Worker}] exited with code {ExitCode} after {Seconds:F1} s")]
    private static partial void LogExited(ILogger logger, string worker, int exitCode, double seconds);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information, Message = "[{Worker}] {Line}")]
    private static partial void LogWorkerOutput(ILogger logger, string worker, string line);
}
