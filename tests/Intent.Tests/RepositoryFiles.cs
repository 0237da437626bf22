namespace Gateway.Intent.Tests;

/// <summary>Committed files the tests read: the seed data and the embedded default intent model.</summary>
internal static class RepositoryFiles
{
    public static string Root => RepositoryRoot.Path;
    public static string IntentData => Path.Combine(Root, "data", "intent");
    public static string DefaultModel => Path.Combine(Root, "models", "router", "v2");

    /// <summary>Copies a package so a test may damage it without touching the committed one.</summary>
    public static void CopyPackage(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>
    /// The committed data folder with only every <paramref name="keepEvery"/>th training example (dev and
    /// out-of-scope sets whole): enough for a run whose mechanics a test checks, not its quality.
    /// </summary>
    public static string CopyIntentDataSubset(string to, int keepEvery)
    {
        Directory.CreateDirectory(to);
        File.Copy(Path.Combine(IntentData, "dev.jsonl"), Path.Combine(to, "dev.jsonl"));
        File.Copy(Path.Combine(IntentData, "oos.jsonl"), Path.Combine(to, "oos.jsonl"));
        var train = File.ReadLines(Path.Combine(IntentData, "train.jsonl")).Where((_, i) => i % keepEvery == 0);
        File.WriteAllLines(Path.Combine(to, "train.jsonl"), train);
        return to;
    }
}
