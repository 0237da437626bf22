using System.Diagnostics;
using OpenAI.Chat;

namespace Gateway.Tests.Supervision;

public class SupervisorTests
{
    [Fact]
    public async Task KilledWorker_IsRestartedAndServesAgain_WhileOtherDepartmentsKeepAnswering()
    {
        using var gateway = await GatewayProcess.StartAsync();
        int pid = gateway.LatestWorkerPid("hr");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 2 };

        Process.GetProcessById(pid).Kill();

        // The other departments answer throughout.
        var it = await gateway.Chat("it").CompleteChatAsync([new UserChatMessage("hi")], options);
        Assert.Equal("it", it.Value.Model);

        // hr comes back on a new process.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                var hr = await gateway.Chat("hr").CompleteChatAsync([new UserChatMessage("hi")], options);
                Assert.Equal("hr", hr.Value.Model);
                break;
            }
            catch (System.ClientModel.ClientResultException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }

        Assert.NotEqual(pid, gateway.LatestWorkerPid("hr"));
        Assert.Contains("[hr:", gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppingTheGateway_StopsItsWorkers()
    {
        int[] pids;
        using (var gateway = await GatewayProcess.StartAsync())
        {
            pids = new[] { "hr", "it", "support" }.Select(gateway.LatestWorkerPid).ToArray();
        }

        // The gateway was killed outright; its workers notice the parent is gone and exit.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (pids.Any(IsRunning) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.DoesNotContain(pids, IsRunning);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
