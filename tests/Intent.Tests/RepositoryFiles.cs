namespace Gateway.Intent.Tests;

/// <summary>Committed files the tests read: the seed data and the embedded default intent model.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Gateway.sln above {AppContext.BaseDirectory}");
    }
}
