namespace Gateway.Worker.Tests;

/// <summary>One worker shared by the tests of a class (starting one costs a second or two).</summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public WorkerProcess Worker { get; private set; } = null!;

    public async Task InitializeAsync() => Worker = await WorkerProcess.StartAsync(TestPackages.TinyFp32, "--max-batch", "4", "--max-queue", "8");

    public Task DisposeAsync()
    {
        Worker.Dispose();
        return Task.CompletedTask;
    }
}
