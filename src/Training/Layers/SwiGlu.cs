using System.Numerics.Tensors;
using Gateway.Training.Kernels;

namespace Gateway.Training.Layers;

/// <summary>h = silu(gate) · up, elementwise, with silu(g) = g·σ(g).</summary>
internal static class SwiGlu
{
    public static void Forward(float[] gate, float[] up, float[] hidden, int rows, int width)
    {
        RowChunks.For(rows, (start, end) =>
        {
            var g = gate.AsSpan(start * width, (end - start) * width);
            var h = hidden.AsSpan(start * width, g.Length);
            TensorPrimitives.Sigmoid(g, h);
            TensorPrimitives.Multiply(h, g, h);
            TensorPrimitives.Multiply(h, up.AsSpan(start * width, g.Length), h);
        });
    }

    /// <summary>dGate = dh·up·σ(g)·(1 + g·(1 − σ(g))), dUp = dh·silu(g); both overwritten.</summary>
    public static void Backward(float[] dHidden, float[] gate, float[] up, float[] dGate, float[] dUp, int rows, int width)
    {
        RowChunks.For(rows, (start, end) =>
        {
            var sig = new float[width];
            for (int r = start; r < end; r++)
            {
                int o = r * width;
                TensorPrimitives.Sigmoid(gate.AsSpan(o, width), sig);
                for (int i = 0; i < width; i++)
                {
                    float g = gate[o + i], s = sig[i], dh = dHidden[o + i];
                    dUp[o + i] = dh * g * s;
                    dGate[o + i] = dh * up[o + i] * s * (1f + (g * (1f - s)));
                }
            }
        });
    }
}
