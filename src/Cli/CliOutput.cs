namespace Gateway.Cli;

/// <summary>How commands report: results on stdout, progress and errors on stderr, exit codes by kind.</summary>
internal static class CliOutput
{
    public const int Ok = 0;
    public const int Failed = 1;

    public static IProgress<string> Progress { get; } = new SyncProgress<string>(static message => Console.Error.WriteLine($"  … {message}"));

    /// <summary>Runs a command body and turns the expected failures into a one-line error and exit code 1.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Failed;
        }
    }
}

/// <summary>Reports on the calling thread: System.Progress posts to the thread pool and could print out of order.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
