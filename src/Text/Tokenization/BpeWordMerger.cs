namespace Gateway.Text.Tokenization;

/// <summary>
/// Applies ranked merges to one word's symbols the way Hugging Face's BPE does: always the lowest-ranked pair,
/// leftmost first. A linked list plus a priority queue keeps this O(n log n), which matters for SentencePiece-style
/// tokenizers whose whole input is a single word.
/// </summary>
internal static class BpeWordMerger
{
    private readonly record struct Candidate(int Position, int Left, int Right, int MergedId);

    /// <summary>Merges <paramref name="symbols"/> in place and appends the resulting ids to <paramref name="output"/>.</summary>
    public static void Merge(List<int> symbols, BpeMergeTable merges, List<int> output)
    {
        var count = symbols.Count;
        if (count < 2)
        {
            output.AddRange(symbols);
            return;
        }

        var next = new int[count];
        var previous = new int[count];
        for (var i = 0; i < count; i++)
        {
            next[i] = i + 1 < count ? i + 1 : -1;
            previous[i] = i - 1;
        }

        var queue = new PriorityQueue<Candidate, long>();
        for (var i = 0; i + 1 < count; i++)
        {
            Offer(queue, merges, symbols, i, i + 1);
        }

        while (queue.TryDequeue(out var candidate, out _))
        {
            var left = candidate.Position;
            var right = next[left];

            // Entries go stale when a neighbour merged since they were queued.
            if (symbols[left] != candidate.Left || right < 0 || symbols[right] != candidate.Right)
            {
                continue;
            }

            symbols[left] = candidate.MergedId;
            symbols[right] = -1;
            next[left] = next[right];
            if (next[right] >= 0)
            {
                previous[next[right]] = left;
            }

            if (previous[left] >= 0)
            {
                Offer(queue, merges, symbols, previous[left], left);
            }

            if (next[left] >= 0)
            {
                Offer(queue, merges, symbols, left, next[left]);
            }
        }

        for (var i = 0; i >= 0; i = next[i])
        {
            output.Add(symbols[i]);
        }
    }

    private static void Offer(PriorityQueue<Candidate, long> queue, BpeMergeTable merges, List<int> symbols, int left, int right)
    {
        if (merges.TryGet(symbols[left], symbols[right], out var rank, out var mergedId))
        {
            queue.Enqueue(new Candidate(left, symbols[left], symbols[right], mergedId), ((long)rank << 32) | (uint)left);
        }
    }
}
