namespace Gateway.Tests;

public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayProcess Gateway { get; private set; } = null!;

    public async Task InitializeAsync() => Gateway = await GatewayProcess.StartAsync();

    public Task DisposeAsync()
    {
        Gateway.Dispose();
        return Task.CompletedTask;
    }
}
