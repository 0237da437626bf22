using Gateway.Text.Bpe;

namespace Gateway.Text.Tokenization;

/// <summary>Ranked merges keyed by the ids of the pair they join, for O(1) lookup while encoding.</summary>
internal sealed class BpeMergeTable
{
    private readonly Dictionary<long, (int Rank, int MergedId)> _merges;

    public BpeMergeTable(IReadOnlyList<BpeMerge> merges, IReadOnlyDictionary<string, int> vocab)
    {
        _merges = new Dictionary<long, (int, int)>(merges.Count);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var merge = merges[rank];
            var key = Key(vocab[merge.Left], vocab[merge.Right]);

            // A pair listed twice keeps its first (best) rank, as Hugging Face does.
            _merges.TryAdd(key, (rank, vocab[merge.Left + merge.Right]));
        }
    }

    public bool TryGet(int left, int right, out int rank, out int mergedId)
    {
        if (_merges.TryGetValue(Key(left, right), out var merge))
        {
            (rank, mergedId) = merge;
            return true;
        }

        rank = mergedId = 0;
        return false;
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
