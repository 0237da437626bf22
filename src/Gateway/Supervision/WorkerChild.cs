using System.Diagnostics;
using System.Globalization;
using Gateway.Configuration;
using Gateway.Grounding;

namespace Gateway.Supervision;

/// <summary>One supervised worker process: how to start it, its log lines forwarded with a department prefix.</summary>
/// <param name="knowledge">The department's grounding with its knowledge folder already absolute; null serves without one.</param>
public sealed partial class WorkerChild(
    string department, WorkerConfig worker, Func<string> model, string assembly, string? adminToken, ILogger logger, GroundingConfig? knowledge = null)
{
    private Process? _process;

    public string Department => department;
    public string Name { get; } = $"{department}:{worker.Port}";
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;
    public int Starts { get; private set; }

    /// <summary>Runs the worker until it exits (throws <see cref="WorkerExitedException"/>) or the gateway stops (kills it).</summary>
    public async Task RunUntilExitAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.StartNew();
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

        LogExited(logger, Name, process.ExitCode, started.Elapsed.TotalSeconds);
        if (started.Elapsed < TimeSpan.FromMinutes(1))
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

    private Process Start()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        foreach (string arg in Arguments())
        {
            info.ArgumentList.Add(arg);
        }

        if (adminToken is not null)
        {
            info.Environment["Worker__AdminToken"] = adminToken; // not on the command line, where ps would show it
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        LogStarted(logger, Name, process.Id, model());
        return process;
    }

    /// <summary>The worker's command line after the assembly.</summary>
    public IEnumerable<string> Arguments()
    {
        static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
        yield return "--department"; yield return department;
        yield return "--model"; yield return model();
        yield return "--port"; yield return I(worker.Port!.Value);
        yield return "--device"; yield return worker.Device;
        yield return "--max-batch"; yield return I(worker.MaxBatchSize);
        yield return "--threads"; yield return I(worker.Threads);
        yield return "--Worker:ParentProcessId"; yield return I(Environment.ProcessId);

        if (worker.GpuMemoryLimitBytes is long limit)
        {
            yield return "--Worker:GpuMemoryLimitBytes"; yield return I(limit);
        }

        if (knowledge is not null)
        {
            yield return "--knowledge"; yield return knowledge.Knowledge;
            if (knowledge.TopK is int topK)
            {
                yield return "--Worker:GroundingTopK"; yield return I(topK);
            }

            if (knowledge.Unit is { } unit)
            {
                yield return "--Worker:GroundingUnit"; yield return unit.Name();
            }

            yield return "--Worker:Grounding"; yield return knowledge.Enabled ? "true" : "false";
        }
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
