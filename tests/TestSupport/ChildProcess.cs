using System.Diagnostics;
using System.Text;

namespace Gateway.TestSupport;

/// <summary>A real process of ours started by a test (a worker, the gateway), with its output kept for failure messages.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;
    public int Id => _process.Id;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet &lt;assembly&gt; args…</c> from the test's own output folder.</summary>
    public static ChildProcess StartDotnet(string assemblyFileName, params string[] args) =>
        StartAssembly(Path.Combine(AppContext.BaseDirectory, assemblyFileName), args);

    /// <summary>Starts <c>dotnet &lt;assembly path&gt; args…</c> (e.g. a published app), with extra environment variables.</summary>
    public static ChildProcess StartAssembly(string assemblyPath, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(info)!);
    }

    /// <summary>Waits for the exit, then for the output streams to drain, so <see cref="Output"/> is complete.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>Kills the process (and its children) at once, as a crash would end it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
