namespace Gateway.Worker.Tests.Hosting;

public class WorkerStartupTests
{
    [Fact]
    public void PackageThatCannotLoad_StopsTheWorkerWithExitCode1AndTheReason()
    {
        using var dir = new TemporaryDirectory();
        File.WriteAllText(dir.Combine("genai_config.json"), "{ \"model\": {} }");

        using var worker = ChildProcess.StartDotnet("Gateway.Worker.dll", "--department", "hr", "--model", dir.Path, "--port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(60)), "the worker kept running with a model it cannot serve");
        Assert.Equal(1, worker.ExitCode);
        Assert.Contains("genai_config.json: missing 'model.type'", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelSetting_FailsAtStartNamingTheSetting()
    {
        using var worker = ChildProcess.StartDotnet("Gateway.Worker.dll", "--department", "hr", "--port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.NotEqual(0, worker.ExitCode);
        Assert.Contains("Worker:Model (--model)", worker.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingKnowledgeFolder_StopsTheWorkerWithExitCode1AndTheReason()
    {
        using var dir = new TemporaryDirectory();
        string missing = dir.Combine("no-such-kb");

        using var worker = ChildProcess.StartDotnet("Gateway.Worker.dll", "--department", "hr", "--model", TestPackages.TinyFp32, "--knowledge", missing,
            "--port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(60)), "the worker kept running without its knowledge base");
        Assert.Equal(1, worker.ExitCode);
        Assert.Contains($"knowledge base folder '{missing}' does not exist", worker.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Worker:GroundingTopK", "0", "Worker:GroundingTopK must be 1..20")]
    [InlineData("--Worker:GroundingUnit", "paragraph", "Worker:GroundingUnit must be section or sentence")]
    public void BadGroundingSetting_FailsAtStartNamingTheSetting(string setting, string value, string error)
    {
        using var worker = ChildProcess.StartDotnet("Gateway.Worker.dll", "--department", "hr", "--model", "x", setting, value,
            "--port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.NotEqual(0, worker.ExitCode);
        Assert.Contains(error, worker.Output, StringComparison.Ordinal);
    }
}
