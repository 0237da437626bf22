using Gateway.ModelKit.Llama;
using Gateway.Training.Model;

namespace Gateway.Training.Tests.Model;

public class ModelGradientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForwardBackward_TinyModel_EveryTensorMatchesFiniteDifferences(bool tied)
    {
        var parameters = LlamaParameters.From(LlamaWeights.Random(TinyModels.Config(tied), seed: 5, initStd: 0.3));
        var model = new LlamaTrainingModel(parameters);
        var batch = PackedBatch.From(TinyModels.Sequences());
        float scale = 1f / batch.TargetCount;
        double Loss()
        {
            double loss = model.ForwardBackward(batch, scale) * scale;
            parameters.ZeroGrads();
            return loss;
        }

        model.ForwardBackward(batch, scale);
        var analytic = parameters.Names.ToDictionary(n => n, n => (float[])parameters.Grad(n).Clone());
        parameters.ZeroGrads();

        var rng = new Random(3);
        foreach (string name in parameters.Names)
        {
            var values = parameters.Value(name);
            // The largest-gradient coordinates plus random ones: all would be slow for the embeddings.
            var indices = Enumerable.Range(0, values.Length).OrderByDescending(i => Math.Abs(analytic[name][i])).Take(6)
                .Concat(Enumerable.Range(0, 6).Select(_ => rng.Next(values.Length))).Distinct();
            GradientCheck.Assert(name, values, analytic[name], Loss, eps: 1e-2f, relative: 3e-2, absolute: 2e-4, indices: indices);
        }
    }

    [Fact]
    public void ForwardBackward_TokensOutsideTheLossMask_GetNoLossButStillCarryGradient()
    {
        var parameters = LlamaParameters.From(LlamaWeights.Random(TinyModels.Config(), seed: 5, initStd: 0.3));
        var model = new LlamaTrainingModel(parameters);
        var masked = PackedBatch.From([TinyModels.Sequence([1, 2, 3, 4, 5], promptLength: 5)]);

        Assert.Equal(0, masked.TargetCount);
        Assert.Equal(0, model.ForwardBackward(masked, 1f));
        Assert.All(parameters.Names, n => Assert.All(parameters.Grad(n), g => Assert.Equal(0f, g)));
    }
}
