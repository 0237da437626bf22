namespace Gateway.ModelKit.Llama;

/// <summary>Rotary position tables in the Hugging Face Llama layout: each frequency repeated in both halves.</summary>
public static class RotaryEmbedding
{
    /// <summary>cos and sin tables [max_positions, head_dim], computed in double for accuracy.</summary>
    public static (float[] Cos, float[] Sin) Tables(LlamaConfig c)
    {
        int half = c.HeadDim / 2;
        var cos = new float[(long)c.MaxPositions * c.HeadDim];
        var sin = new float[cos.Length];
        for (int pos = 0; pos < c.MaxPositions; pos++)
        {
            for (int i = 0; i < half; i++)
            {
                double angle = pos / Math.Pow(c.RopeTheta, 2.0 * i / c.HeadDim);
                long row = (long)pos * c.HeadDim;
                cos[row + i] = cos[row + i + half] = (float)Math.Cos(angle);
                sin[row + i] = sin[row + i + half] = (float)Math.Sin(angle);
            }
        }

        return (cos, sin);
    }
}
