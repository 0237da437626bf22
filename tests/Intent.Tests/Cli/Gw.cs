using System.Diagnostics;

namespace Gateway.Intent.Tests.Cli;

/// <summary>Runs the real <c>gw</c> (built beside the tests) with the given stdin, from the repository root.</summary>
internal static class Gw
{
    public static GwResult Run(string stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryFiles.Root,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gw.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
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
