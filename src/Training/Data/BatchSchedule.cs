namespace Gateway.Training.Data;

/// <summary>
/// Which examples each step uses: epochs of the data, each in its own seeded shuffle, read in order. A step's
/// examples depend only on (seed, step), so a resumed run sees exactly the batches the uninterrupted one would.
/// </summary>
public sealed class BatchSchedule(int examples, int perStep, int seed)
{
    private readonly Dictionary<int, int[]> _epochs = [];

    public IReadOnlyList<int> ExamplesFor(int step)
    {
        var result = new int[perStep];
        for (int i = 0; i < perStep; i++)
        {
            long global = ((long)step * perStep) + i;
            result[i] = Epoch((int)(global / examples))[global % examples];
        }

        return result;
    }

    private int[] Epoch(int epoch)
    {
        if (_epochs.TryGetValue(epoch, out var order))
        {
            return order;
        }

        if (_epochs.Count > 4)
        {
            _epochs.Clear();
        }

        order = Enumerable.Range(0, examples).ToArray();
        new Random((int)((((long)seed * 1_000_003) + epoch) & int.MaxValue)).Shuffle(order);
        return _epochs[epoch] = order;
    }
}
