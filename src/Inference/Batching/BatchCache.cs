using Gateway.Inference.Models;
using Gateway.ModelKit.Onnx;

namespace Gateway.Inference.Batching;

/// <summary>
/// The KV cache of one batch and its bookkeeping: which sequence is in which row, how many positions every row
/// spans (<see cref="Length"/>), and where each row's own tokens start. Rows are right-aligned: a row with fewer
/// tokens than the cache is long starts with padding, which <see cref="FillAttentionMask"/> hides from attention.
/// The scheduler keeps two: the running batch, and the newcomers' batch that is prefilled on its own before
/// <see cref="Regroup"/> moves its rows into the running one. Only the scheduler thread touches either.
/// </summary>
/// <remarks>
/// Storage: two <see cref="KvBufferSet"/>s ping-pong. ONNX Runtime reads the past from the current set and writes
/// the present (the past plus the new positions) into the spare one, which <see cref="Append"/> then makes current,
/// so a step copies nothing here; rows are copied only when the batch's membership changes.
/// A past_present_share_buffer cache (one preallocated [rows, kv_heads, context, head_dim] set that the graph
/// appends to in place) would replace <c>_current</c> and <c>_spare</c> inside this class and nowhere else:
/// <see cref="Next"/> would bind that one set as both past and present at its full length, <see cref="Append"/>
/// would only move <see cref="Length"/>, <see cref="Regroup"/> would move rows within the set, and the graph's
/// sequence-length inputs would be filled here beside the mask. The row map and the API stay as they are.
/// </remarks>
internal sealed class BatchCache(int layers, int kvHeads, int headDim, int elementSize)
{
    private readonly List<Sequence> _rows = [];
    private readonly List<int> _padding = [];
    private readonly List<Sequence> _nextRows = [];
    private readonly List<int> _nextPadding = [];
    private readonly List<int> _staying = [];
    private readonly List<int> _joining = [];
    private KvBufferSet _current = new(layers, kvHeads, headDim, elementSize);
    private KvBufferSet _spare = new(layers, kvHeads, headDim, elementSize);
    private int _planned;

    /// <summary>An empty cache laid out for the model's KV tensors.</summary>
    public static BatchCache For(DecoderModel model) => new(model.NumLayers, model.KvHeads, model.HeadDim, model.IoType.ByteSize());

    /// <summary>Positions every row spans, its padding included: the past length of the next step.</summary>
    public int Length { get; private set; }

    /// <summary>The sequences in batch order: row r of every step's inputs and outputs is <c>Rows[r]</c>.</summary>
    public IReadOnlyList<Sequence> Rows => _rows;

    public int Count => _rows.Count;

    /// <summary>Positions a prefill planned by <see cref="Start"/> still has to append; 0 for the running batch.</summary>
    public int Unfilled => Math.Max(0, _planned - Length);

    /// <summary>Padding positions in front of the row's first token.</summary>
    public int PaddingOf(int row) => _padding[row];

    /// <summary>The row's own tokens whose keys and values are in the cache.</summary>
    public int TokensIn(int row) => Math.Max(0, Length - _padding[row]);

    /// <summary>
    /// Empties the cache for a prefill: row r will hold <paramref name="tokens"/> of <c>rows[r]</c>, right-aligned at
    /// the longest, so shorter rows start with padding. The prefill then appends <see cref="Unfilled"/> positions.
    /// </summary>
    public void Start(IReadOnlyList<Sequence> rows, Func<Sequence, int> tokens)
    {
        Clear();
        foreach (var sequence in rows)
        {
            _planned = Math.Max(_planned, tokens(sequence));
        }

        foreach (var sequence in rows)
        {
            _rows.Add(sequence);
            _padding.Add(_planned - tokens(sequence));
        }
    }

    /// <summary>The memory a step that appends <paramref name="positions"/> to every row binds, sized to fit.</summary>
    public KvStep Next(int positions)
    {
        _current.EnsureCapacity(Count, Length);
        _spare.EnsureCapacity(Count, Length + positions);
        return new KvStep(_current, Length, _spare, Length + positions);
    }

    /// <summary>The step from <see cref="Next"/> ran: its present is the cache now, every row <paramref name="positions"/> longer.</summary>
    public void Append(int positions)
    {
        (_current, _spare) = (_spare, _current);
        Length += positions;
    }

    /// <summary>The next step's attention mask, [rows, Length + positions]: 1 over a row's tokens, cached or new, 0 over its padding.</summary>
    public void FillAttentionMask(Span<long> mask, int positions)
    {
        int total = Length + positions;
        for (int row = 0; row < Count; row++)
        {
            var rowMask = mask.Slice(row * total, total);
            int padding = Math.Min(_padding[row], total);
            rowMask[..padding].Clear();
            rowMask[padding..].Fill(1);
        }
    }

    /// <summary>The next step's position ids, [rows, positions]: each new position's index in its own sequence, 0 on padding.</summary>
    public void FillPositionIds(Span<long> ids, int positions)
    {
        for (int row = 0; row < Count; row++)
        {
            int padding = _padding[row];
            for (int i = 0; i < positions; i++)
            {
                int at = Length + i;
                ids[(row * positions) + i] = at >= padding ? at - padding : 0;
            }
        }
    }

    /// <summary>
    /// Lays out the next batch when its membership changes: the rows for which <paramref name="leaves"/> is false,
    /// in order, then the same of <paramref name="joining"/>'s rows, each right-aligned at the longest row's tokens
    /// (padding no row needs any more is dropped). <paramref name="leaves"/> is asked once per row. Leaves
    /// <paramref name="joining"/> empty; returns false, copying nothing, when no row leaves and none joins.
    /// </summary>
    public bool Regroup(Predicate<Sequence> leaves, BatchCache? joining = null)
    {
        if (ReferenceEquals(joining, this))
        {
            throw new ArgumentException("a batch cannot join itself", nameof(joining));
        }

        int length = Select(this, leaves, _staying);
        _joining.Clear();
        if (joining is not null)
        {
            length = Math.Max(length, Select(joining, leaves, _joining));
        }

        if (_staying.Count == Count && _joining.Count == 0)
        {
            joining?.Clear();
            return false;
        }

        _spare.EnsureCapacity(_staying.Count + _joining.Count, length);
        foreach (int row in _staying)
        {
            Move(this, row, length);
        }

        foreach (int row in _joining)
        {
            Move(joining!, row, length);
        }

        (_current, _spare) = (_spare, _current);
        Length = length;
        Replace(_rows, _nextRows);
        Replace(_padding, _nextPadding);
        joining?.Clear();
        return true;
    }

    /// <summary>Forgets every row (the memory is kept for the next batch).</summary>
    public void Clear()
    {
        _rows.Clear();
        _padding.Clear();
        Length = 0;
        _planned = 0;
    }

    /// <summary>Collects the rows of <paramref name="cache"/> that stay; returns the most tokens any of them holds.</summary>
    private static int Select(BatchCache cache, Predicate<Sequence> leaves, List<int> staying)
    {
        staying.Clear();
        int longest = 0;
        for (int row = 0; row < cache.Count; row++)
        {
            if (!leaves(cache._rows[row]))
            {
                staying.Add(row);
                longest = Math.Max(longest, cache.TokensIn(row));
            }
        }

        return longest;
    }

    /// <summary>Copies one row's tokens from <paramref name="from"/> into the next spare row, right-aligned at <paramref name="length"/>.</summary>
    private void Move(BatchCache from, int row, int length)
    {
        int tokens = from.TokensIn(row);
        KvBufferSet.CopyRow(from._current, row, from.Length, _spare, _nextRows.Count, length, tokens);
        _nextRows.Add(from._rows[row]);
        _nextPadding.Add(length - tokens);
    }

    private static void Replace<T>(List<T> target, List<T> source)
    {
        target.Clear();
        target.AddRange(source);
        source.Clear();
    }
}
