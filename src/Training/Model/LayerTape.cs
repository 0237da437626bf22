namespace Gateway.Training.Model;

/// <summary>What one decoder layer's forward pass keeps for its backward pass, all [rows, width].</summary>
internal sealed class LayerTape(int rows, int hidden, int qWidth, int kvWidth, int heads, int ff)
{
    public float[] Input { get; } = new float[rows * hidden];
    public float[] Norm1 { get; } = new float[rows * hidden];
    public float[] InverseRms1 { get; } = new float[rows];
    public float[] Q { get; } = new float[rows * qWidth];
    public float[] K { get; } = new float[rows * kvWidth];
    public float[] V { get; } = new float[rows * kvWidth];
    public float[] Attention { get; } = new float[rows * qWidth];
    public float[] Lse { get; } = new float[rows * heads];
    public float[] Mid { get; } = new float[rows * hidden];
    public float[] Norm2 { get; } = new float[rows * hidden];
    public float[] InverseRms2 { get; } = new float[rows];
    public float[] Gate { get; } = new float[rows * ff];
    public float[] Up { get; } = new float[rows * ff];
    public float[] Hidden { get; } = new float[rows * ff];
}
