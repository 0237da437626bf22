using Gateway.ModelKit.Llama;
using Gateway.Training.Layers;

namespace Gateway.Training.Tests.Layers;

public class LayerGradientTests
{
    [Fact]
    public void RmsNormBackward_RandomRows_MatchesFiniteDifferences()
    {
        const int rows = 3, dim = 8;
        var x = GradientCheck.Random(rows * dim, 1, 2f);
        var w = GradientCheck.Random(dim, 2);
        var proj = GradientCheck.Random(rows * dim, 3);
        double Loss()
        {
            var y = new float[rows * dim];
            RmsNorm.Forward(x, w, y, new float[rows], rows, dim, 1e-6f);
            return GradientCheck.Project(y, proj);
        }

        var rms = new float[rows];
        RmsNorm.Forward(x, w, new float[rows * dim], rms, rows, dim, 1e-6f);
        var dx = new float[rows * dim];
        var dw = new float[dim];
        RmsNorm.Backward(proj, x, w, rms, dx, dw, rows, dim);

        GradientCheck.Assert("dx", x, dx, Loss);
        GradientCheck.Assert("dw", w, dw, Loss);
    }

    [Fact]
    public void LinearBackward_RandomMatrices_MatchesFiniteDifferences()
    {
        const int rows = 5, inDim = 6, outDim = 19;
        var x = GradientCheck.Random(rows * inDim, 4);
        var w = GradientCheck.Random(outDim * inDim, 5);
        var proj = GradientCheck.Random(rows * outDim, 6);
        double Loss()
        {
            var y = new float[rows * outDim];
            Linear.Forward(x, Kernels.MatMul.Transposed(w, outDim, inDim), y, rows, inDim, outDim);
            return GradientCheck.Project(y, proj);
        }

        var dx = new float[rows * inDim];
        var dw = new float[outDim * inDim];
        Linear.Backward(proj, x, w, dw, dx, accumulateDx: false, rows, inDim, outDim);

        GradientCheck.Assert("dx", x, dx, Loss);
        GradientCheck.Assert("dw", w, dw, Loss);
    }

    [Fact]
    public void SwiGluBackward_RandomInputs_MatchesFiniteDifferences()
    {
        const int rows = 3, width = 7;
        var gate = GradientCheck.Random(rows * width, 7, 3f);
        var up = GradientCheck.Random(rows * width, 8, 2f);
        var proj = GradientCheck.Random(rows * width, 9);
        double Loss()
        {
            var h = new float[rows * width];
            SwiGlu.Forward(gate, up, h, rows, width);
            return GradientCheck.Project(h, proj);
        }

        var dGate = new float[rows * width];
        var dUp = new float[rows * width];
        SwiGlu.Backward(proj, gate, up, dGate, dUp, rows, width);

        GradientCheck.Assert("dGate", gate, dGate, Loss);
        GradientCheck.Assert("dUp", up, dUp, Loss);
    }

    [Theory]
    [InlineData(4, 2)] // grouped-query: two query heads per kv head
    [InlineData(2, 2)] // plain multi-head
    [InlineData(4, 1)] // multi-query
    public void RopeAndAttentionBackward_TwoPackedSequences_MatchesFiniteDifferences(int heads, int kvHeads)
    {
        const int d = 4;
        int[] starts = [0, 3, 8];
        int[] positions = [0, 1, 2, 0, 1, 2, 3, 4];
        int rows = positions.Length, qw = heads * d, kvw = kvHeads * d;
        var config = new LlamaConfig { VocabSize = 8, HiddenSize = 8, IntermediateSize = 8, NumLayers = 1, NumHeads = heads, NumKvHeads = kvHeads, HeadDim = d, MaxPositions = 16, RopeTheta = 100f };
        var (cos, sin) = RotaryEmbedding.Tables(config);
        var q = GradientCheck.Random(rows * qw, 10, 1.5f);
        var k = GradientCheck.Random(rows * kvw, 11, 1.5f);
        var v = GradientCheck.Random(rows * kvw, 12);
        var proj = GradientCheck.Random(rows * qw, 13);

        float[] Run(out float[] qr, out float[] kr, out float[] lse)
        {
            qr = (float[])q.Clone();
            kr = (float[])k.Clone();
            Rope.Forward(qr, positions, cos, sin, rows, heads, d);
            Rope.Forward(kr, positions, cos, sin, rows, kvHeads, d);
            var o = new float[rows * qw];
            lse = new float[rows * heads];
            CausalAttention.Forward(qr, kr, v, o, lse, starts, heads, kvHeads, d);
            return o;
        }

        double Loss() => GradientCheck.Project(Run(out _, out _, out _), proj);

        var output = Run(out var qRot, out var kRot, out var logSumExp);
        var dq = new float[rows * qw];
        var dk = new float[rows * kvw];
        var dv = new float[rows * kvw];
        CausalAttention.Backward(qRot, kRot, v, output, logSumExp, proj, dq, dk, dv, starts, heads, kvHeads, d);
        Rope.Backward(dq, positions, cos, sin, rows, heads, d);
        Rope.Backward(dk, positions, cos, sin, rows, kvHeads, d);

        GradientCheck.Assert("dq", q, dq, Loss);
        GradientCheck.Assert("dk", k, dk, Loss);
        GradientCheck.Assert("dv", v, dv, Loss);
    }

    [Fact]
    public void CausalAttention_LaterRowsOfOtherSequence_DoNotChangeEarlierOutputs()
    {
        const int d = 4, heads = 2;
        int[] starts = [0, 2, 5];
        var q = GradientCheck.Random(5 * heads * d, 20);
        var k = GradientCheck.Random(5 * heads * d, 21);
        var v = GradientCheck.Random(5 * heads * d, 22);
        var before = new float[q.Length];
        CausalAttention.Forward(q, k, v, before, new float[5 * heads], starts, heads, heads, d);
        for (int i = 2 * heads * d; i < k.Length; i++)
        {
            k[i] += 1f;
            v[i] -= 1f;
        }

        var after = new float[q.Length];
        CausalAttention.Forward(q, k, v, after, new float[5 * heads], starts, heads, heads, d);
        Assert.Equal(before.AsSpan(0, 2 * heads * d).ToArray(), after.AsSpan(0, 2 * heads * d).ToArray());
    }

    [Fact]
    public void CrossEntropyBackward_MaskedRows_MatchesFiniteDifferencesAndIgnoresUncountedRows()
    {
        const int rows = 4, vocab = 9;
        int[] targets = [3, -1, 0, 8];
        var logits = GradientCheck.Random(rows * vocab, 14, 3f);
        const float scale = 1f / 3;
        double Loss() => CrossEntropy.ForwardBackward((float[])logits.Clone(), targets, 0, rows, vocab, 1f) * scale;

        var grad = (float[])logits.Clone();
        double sum = CrossEntropy.ForwardBackward(grad, targets, 0, rows, vocab, scale);

        Assert.True(sum > 0);
        Assert.All(grad.AsSpan(vocab, vocab).ToArray(), g => Assert.Equal(0f, g));
        GradientCheck.Assert("dLogits", logits, grad, Loss, eps: 1e-3f);
    }
}
