namespace Gateway.Intent.Featurization;

/// <summary>
/// FNV-1a, 64-bit, over UTF-16 code units (low byte first). Written here rather than string.GetHashCode,
/// which is randomized per process: a feature must land in the same bucket in the trainer and every scorer.
/// </summary>
internal struct StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private ulong _value;

    public static StableHash Start(char kind)
    {
        var hash = new StableHash { _value = OffsetBasis };
        hash.Add(kind);
        hash.Add('\u0001');
        return hash;
    }

    public readonly ulong Value => _value;

    public void Add(char c)
    {
        _value = (_value ^ (byte)c) * Prime;
        _value = (_value ^ (byte)(c >> 8)) * Prime;
    }

    public void Add(ReadOnlySpan<char> chars)
    {
        foreach (char c in chars)
        {
            Add(c);
        }
    }

    public readonly int Bucket(int buckets) => (int)(_value % (ulong)buckets);
}
