using System.Runtime.InteropServices;

namespace Gateway.Text.Bpe;

/// <summary>
/// The incremental heart of BPE training: pair counts weighted by word frequency, an index from each pair
/// to the words that contain it, and a max-queue with lazy invalidation. A merge only touches the words
/// that contain the merged pair, so training cost follows the number of changes, not corpus size × merges.
/// </summary>
internal sealed class PairMergeState
{
    private readonly int[][] _symbols;
    private readonly int[] _lengths;
    private readonly long[] _wordCounts;
    private readonly int[] _lastVisitedMerge;
    private readonly Dictionary<long, long> _pairCounts = [];
    private readonly Dictionary<long, List<int>> _pairWords = [];
    private readonly PriorityQueue<long, (long Count, long Pair)> _queue = new(PairRankComparer.Instance);
    private readonly HashSet<long> _grownPairs = [];
    private int _mergeNumber;

    /// <param name="words">Each distinct word as its symbol ids; the arrays are modified in place.</param>
    /// <param name="wordCounts">How often each word occurs in the corpus.</param>
    public PairMergeState(int[][] words, long[] wordCounts)
    {
        _symbols = words;
        _wordCounts = wordCounts;
        _lengths = Array.ConvertAll(words, static w => w.Length);
        _lastVisitedMerge = new int[words.Length];
        Array.Fill(_lastVisitedMerge, -1);

        for (var w = 0; w < words.Length; w++)
        {
            var symbols = words[w];
            for (var i = 0; i + 1 < symbols.Length; i++)
            {
                AddOccurrences(Key(symbols[i], symbols[i + 1]), wordCounts[w], w);
            }
        }

        foreach (var (pair, count) in _pairCounts)
        {
            _queue.Enqueue(pair, (count, pair));
        }
    }

    /// <summary>
    /// Finds the most frequent pair (ties: smallest left id, then smallest right id). Returns false when no
    /// pair is left or the best one occurs fewer than <paramref name="minFrequency"/> times.
    /// </summary>
    public bool TryTakeBestPair(long minFrequency, out int left, out int right)
    {
        while (_queue.TryDequeue(out var pair, out var rank))
        {
            // Entries are never updated in place: skip merged pairs and re-queue ones whose count moved.
            if (!_pairCounts.TryGetValue(pair, out var current))
            {
                continue;
            }

            if (current != rank.Count)
            {
                _queue.Enqueue(pair, (current, pair));
                continue;
            }

            if (current < minFrequency)
            {
                break;
            }

            left = (int)(pair >> 32);
            right = (int)(pair & uint.MaxValue);
            return true;
        }

        left = right = -1;
        return false;
    }

    /// <summary>Replaces every non-overlapping (left, right) occurrence, left to right, by <paramref name="merged"/>.</summary>
    public void Merge(int left, int right, int merged)
    {
        var key = Key(left, right);
        if (_pairWords.Remove(key, out var words))
        {
            foreach (var w in words)
            {
                // The index may list a word twice or list words that lost the pair; each is handled once.
                if (_lastVisitedMerge[w] == _mergeNumber)
                {
                    continue;
                }

                _lastVisitedMerge[w] = _mergeNumber;
                MergeWord(w, left, right, merged);
            }
        }

        _pairCounts.Remove(key);
        foreach (var pair in _grownPairs)
        {
            if (_pairCounts.TryGetValue(pair, out var count))
            {
                _queue.Enqueue(pair, (count, pair));
            }
        }

        _grownPairs.Clear();
        _mergeNumber++;
    }

    private void MergeWord(int w, int left, int right, int merged)
    {
        var symbols = _symbols[w];
        var length = _lengths[w];
        var count = _wordCounts[w];
        var output = 0;
        var i = 0;
        while (i < length)
        {
            if (i + 1 < length && symbols[i] == left && symbols[i + 1] == right)
            {
                if (output > 0)
                {
                    var previous = symbols[output - 1];
                    RemoveOccurrences(Key(previous, left), count);
                    AddOccurrences(Key(previous, merged), count, w);
                }

                if (i + 2 < length)
                {
                    var next = symbols[i + 2];
                    RemoveOccurrences(Key(right, next), count);
                    AddOccurrences(Key(merged, next), count, w);
                }

                symbols[output++] = merged;
                i += 2;
            }
            else
            {
                symbols[output++] = symbols[i++];
            }
        }

        _lengths[w] = output;
    }

    private void AddOccurrences(long pair, long count, int word)
    {
        CollectionsMarshal.GetValueRefOrAddDefault(_pairCounts, pair, out _) += count;
        ref var words = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairWords, pair, out _);
        words ??= [];
        if (words.Count == 0 || words[^1] != word)
        {
            words.Add(word);
        }

        _grownPairs.Add(pair);
    }

    private void RemoveOccurrences(long pair, long count)
    {
        ref var current = ref CollectionsMarshal.GetValueRefOrNullRef(_pairCounts, pair);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref current))
        {
            return;
        }

        current -= count;
        if (current <= 0)
        {
            // Counts are exact, so zero means no word holds the pair any more and its index can go too.
            _pairCounts.Remove(pair);
            _pairWords.Remove(pair);
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private sealed class PairRankComparer : IComparer<(long Count, long Pair)>
    {
        public static readonly PairRankComparer Instance = new();

        // PriorityQueue dequeues the smallest element: higher counts sort first, then smaller pair keys.
        public int Compare((long Count, long Pair) x, (long Count, long Pair) y)
        {
            var byCount = y.Count.CompareTo(x.Count);
            return byCount != 0 ? byCount : x.Pair.CompareTo(y.Pair);
        }
    }
}
