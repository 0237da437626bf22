namespace Gateway.Training.Model;

/// <summary>
/// Several sequences packed end to end into one row dimension, without padding: each sequence has
/// its own positions (0, 1, …) and attends only within itself. Row n predicts token n+1 of the same
/// sequence when that token is in the loss mask; otherwise its target is −1.
/// </summary>
public sealed class PackedBatch
{
    private PackedBatch(int[] tokens, int[] positions, int[] targets, int[] sequenceStarts)
    {
        Tokens = tokens;
        Positions = positions;
        Targets = targets;
        SequenceStarts = sequenceStarts;
        TargetCount = targets.Count(t => t >= 0);
    }

    internal int[] Tokens { get; }
    internal int[] Positions { get; }
    internal int[] Targets { get; }

    /// <summary>Start row of each sequence, then the total row count.</summary>
    internal int[] SequenceStarts { get; }

    public int Rows => Tokens.Length;
    public int Sequences => SequenceStarts.Length - 1;
    public int TargetCount { get; }

    public static PackedBatch From(IReadOnlyList<TrainingSequence> sequences)
    {
        int total = sequences.Sum(s => s.Tokens.Count);
        var tokens = new int[total];
        var positions = new int[total];
        var targets = new int[total];
        var starts = new int[sequences.Count + 1];
        int row = 0;
        for (int s = 0; s < sequences.Count; s++)
        {
            var seq = sequences[s];
            if (seq.Tokens.Count == 0 || seq.LossMask.Count != seq.Tokens.Count)
            {
                throw new ArgumentException($"sequence {s} is empty or its loss mask does not match its tokens");
            }

            starts[s] = row;
            for (int i = 0; i < seq.Tokens.Count; i++, row++)
            {
                tokens[row] = seq.Tokens[i];
                positions[row] = i;
                targets[row] = i + 1 < seq.Tokens.Count && seq.LossMask[i + 1] ? seq.Tokens[i + 1] : -1;
            }
        }

        starts[^1] = total;
        return new PackedBatch(tokens, positions, targets, starts);
    }
}
