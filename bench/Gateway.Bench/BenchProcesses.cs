using System.Diagnostics;
using System.Text;

namespace Gateway.Bench.Overhead;

/// <summary>
/// The worker and gateway processes the bench starts. Every one is killed (whole tree) on <see cref="Dispose"/>,
/// on process exit and on Ctrl+C; the worker is also told our pid so it exits by itself if we are killed outright.
/// </summary>
internal sealed class BenchProcesses : IDisposable
{
    private readonly List<Child> _children = [];

    public BenchProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        Console.CancelKeyPress += (_, _) => Dispose();
    }

    public Child StartDotnet(string name, string assembly, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        info.ArgumentList.Add(assembly);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var child = new Child(name, Process.Start(info) ?? throw new InvalidOperationException($"cannot start {name}"));
        lock (_children)
        {
            _children.Add(child);
        }

        return child;
    }

    public static async Task WaitReadyAsync(Child child, Uri baseUrl, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (child.Process.HasExited)
            {
                throw new InvalidOperationException($"{child.Name} exited with code {child.Process.ExitCode}:\n{child.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl, "/readyz")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        throw new TimeoutException($"{child.Name} was not ready in {timeout}:\n{child.Output}");
    }

    public void Dispose()
    {
        Child[] children;
        lock (_children)
        {
            children = [.. _children];
            _children.Clear();
        }

        foreach (var child in children)
        {
            child.Dispose();
        }
    }

    internal sealed class Child : IDisposable
    {
        private readonly StringBuilder _output = new();
        private long _lines;

        public Child(string name, Process process)
        {
            Name = name;
            Process = process;
            // Drained all the time: a child logging per request would otherwise block on a full pipe.
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Name { get; }
        public Process Process { get; }

        /// <summary>Lines the child wrote to stdout/stderr so far (to count log lines per request).</summary>
        public long Lines => Interlocked.Read(ref _lines);

        /// <summary>The first and last lines it wrote (the whole log can be long when it logs per request).</summary>
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

        /// <summary>A few recent lines, to show what the child logs per request.</summary>
        public IReadOnlyList<string> Recent { get; private set; } = [];

        private readonly Queue<string> _recent = new();

        public void Dispose()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            Interlocked.Increment(ref _lines);
            lock (_output)
            {
                if (_output.Length < 64 * 1024)
                {
                    _output.AppendLine(line);
                }

                _recent.Enqueue(line);
                if (_recent.Count > 12)
                {
                    _recent.Dequeue();
                }

                Recent = [.. _recent];
            }
        }
    }
}
