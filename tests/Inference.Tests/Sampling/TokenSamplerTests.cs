using Gateway.Inference.Generation;
using Gateway.Inference.Sampling;

namespace Gateway.Inference.Tests.Sampling;

public class TokenSamplerTests
{
    // Logits of a confident model: divided by a small temperature they overflow exp() unless the maximum is taken out.
    private static readonly float[] Confident = [2f, 30f, 29f, 0f];

    [Theory]
    [InlineData(0.01f, 0, 1f)]
    [InlineData(0.2f, 0, 1f)]
    [InlineData(0.01f, 2, 1f)]
    [InlineData(0.01f, 0, 0.9f)]
    public void Next_SmallTemperatureOnLargeLogits_DrawsTheLikelyToken(float temperature, int topK, float topP)
    {
        var sampler = new TokenSampler(new SamplingOptions { Temperature = temperature, TopK = topK, TopP = topP, Seed = 7 }, Confident.Length, []);

        var drawn = Enumerable.Range(0, 50).Select(_ => sampler.Next(Confident)).ToList();

        Assert.All(drawn, token => Assert.InRange(token, 1, 2));
        Assert.True(drawn.Count(t => t == 1) > 40, string.Join(",", drawn));
    }
}
