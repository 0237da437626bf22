namespace Gateway.Intent.Featurization;

/// <summary>A featurized text: bucket indices in ascending order, each with its L2-normalised TF weight.</summary>
public sealed record SparseFeatures(long[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}
