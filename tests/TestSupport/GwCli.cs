using System.Diagnostics;

namespace Gateway.TestSupport;

/// <summary>Runs the real <c>gw</c> program (built beside the tests) to completion, with optional stdin and working folder.</summary>
public static class GwCli
{
    public static GwResult Run(params string[] args) => RunWithInput(null, null, args);

    public static GwResult RunWithInput(string? stdin, string? workingDirectory, params string[] args) =>
        RunWith(stdin, workingDirectory, null, args);

    /// <summary>gw with extra environment variables (null removes one).</summary>
    public static GwResult RunWithEnvironment(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunWith(null, null, environment, args);

    private static GwResult RunWith(string? stdin, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gw.dll"));
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"gw {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return new GwResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}

public sealed record GwResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
