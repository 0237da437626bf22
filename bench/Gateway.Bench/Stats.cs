namespace Gateway.Bench.Overhead;

internal static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>Nearest-rank-with-interpolation percentile (q in 0..1); NaN for no values.</summary>
    public static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double rank = q * (sorted.Length - 1);
        int low = (int)Math.Floor(rank);
        int high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static double[] Differences(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        Enumerable.Range(0, Math.Min(a.Count, b.Count)).Select(i => a[i] - b[i]).ToArray();
}
