using Gateway.Inference.Models;

namespace Gateway.Inference.Tests.Engine;

public class ExecutionProviderTests
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("CUDA", "cuda:0")]
    [InlineData("cuda:3", "cuda:3")]
    public void Parse_KnownDevices(string device, string expected) => Assert.Equal(expected, ExecutionProvider.Parse(device).ToString());

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void Parse_UnknownDevice_IsRefused(string device) =>
        Assert.Contains("is not understood", Assert.Throws<ArgumentException>(() => ExecutionProvider.Parse(device)).Message, StringComparison.Ordinal);

    [Fact]
    public void Load_CudaWhereItCannotLoad_FailsWithAClearMessage()
    {
        // This machine has no GPU; with the CPU build there is no CUDA provider at all, and with the GPU
        // build its shared library fails to load. Either way the operator must read why.
        var error = Assert.Throws<ModelLoadException>(() =>
            InferenceEngine.Load(new EngineOptions { ModelDirectory = TestPackages.TinyFp32, Device = "cuda:0" }));
        Assert.Contains("CUDA execution provider for cuda:0 could not be loaded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_CudaWithFallback_RunsOnCpuAndSaysSo()
    {
        var warnings = new List<string>();
        using var engine = InferenceEngine.Load(new EngineOptions { ModelDirectory = TestPackages.TinyFp32, Device = "cuda:0", FallbackToCpu = true },
            warn: warnings.Add);

        Assert.Equal("cpu", engine.Model.Provider.ToString());
        Assert.Contains(warnings, w => w.Contains("falling back to CPU", StringComparison.Ordinal));
        var result = await engine.GenerateCompleteAsync(EngineFixture.Greedy([5, 6, 7], 3));
        Assert.Equal(3, result.Tokens.Count);
    }
}
