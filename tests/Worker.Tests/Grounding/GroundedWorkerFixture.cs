namespace Gateway.Worker.Tests.Grounding;

/// <summary>A worker serving the long-context tiny package with a small knowledge base written by the test.</summary>
public sealed class GroundedWorkerFixture : IAsyncLifetime
{
    public const string AnnualLeave = "Employees receive 28 days of paid annual leave plus public holidays.";
    public const string Vpn = "The VPN client is SecureLink; connect before opening internal tools.";

    private readonly TemporaryDirectory _knowledge = new();

    public WorkerProcess Worker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(_knowledge.Combine("leave.md"), $"## Annual leave\n\n{AnnualLeave}\n\n## Payslips\n\nPayslips are published in the HR portal on the 25th of each month.\n");
        File.WriteAllText(_knowledge.Combine("vpn.md"), $"## VPN\n\n{Vpn}\n\n## Phishing\n\nReport phishing with the Report phish button in the mail client.\n");
        Worker = await WorkerProcess.StartAsync(TestPackages.TinyLongContext, "--knowledge", _knowledge.Path, "--Worker:GroundingTopK", "2");
    }

    public Task DisposeAsync()
    {
        Worker.Dispose();
        _knowledge.Dispose();
        return Task.CompletedTask;
    }
}
