namespace Gateway.Worker.Tests;

/// <summary>One worker shared by the OpenAI API test classes (starting one costs a second or two).</summary>
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

/// <summary>
/// The classes that only send requests to the plain worker (no swaps, no full queue) share one: started once
/// instead of once per class. They run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedWorker : ICollectionFixture<WorkerFixture>
{
    public const string Name = "shared worker";
}
