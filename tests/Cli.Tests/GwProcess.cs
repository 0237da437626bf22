using System.Diagnostics;

namespace Gateway.Cli.Tests;

/// <summary>Runs the real <c>gw</c> program (built beside the tests) as a child process.</summary>
internal static class GwProcess
{
    public static GwResult Run(params string[] args)
    {
        string gw = Path.Combine(AppContext.BaseDirectory, "gw.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(gw);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gw {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new GwResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

internal sealed record GwResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
