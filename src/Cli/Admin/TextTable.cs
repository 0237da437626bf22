namespace Gateway.Cli.Admin;

/// <summary>Left-aligned columns, two spaces apart, headers in capitals; the last column is not padded.</summary>
internal static class TextTable
{
    public static void Print(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, TextWriter? output = null)
    {
        output ??= Console.Out;
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        Write(headers.Select(h => h.ToUpperInvariant()).ToList());
        foreach (var row in rows)
        {
            Write(row);
        }

        void Write(IReadOnlyList<string> cells) =>
            output.WriteLine(string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }
}
