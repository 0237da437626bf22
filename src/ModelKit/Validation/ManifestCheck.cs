using Gateway.ModelKit.Packaging;

namespace Gateway.ModelKit.Validation;

/// <summary>manifest.json: present, readable, and every file it lists present with its size and sha256.</summary>
internal static class ManifestCheck
{
    public static PackageSummary Run(string directory, ValidationOptions options, List<ValidationProblem> problems, PackageSummary summary)
    {
        if (!File.Exists(Path.Combine(directory, PackageManifest.FileName)))
        {
            if (options.RequireManifest)
            {
                problems.Add(new(PackageManifest.FileName, "file is missing: a package must list the sha256 of its files"));
            }

            return summary;
        }

        PackageManifest manifest;
        try
        {
            manifest = PackageManifest.Load(directory);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            problems.Add(new(PackageManifest.FileName, e.Message.StartsWith(PackageManifest.FileName, StringComparison.Ordinal)
                ? e.Message[(PackageManifest.FileName.Length + 2)..] : e.Message));
            return summary;
        }

        int verified = 0;
        foreach (var (name, expected) in manifest.Files)
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                problems.Add(new(name, "file is missing (manifest.json lists it)"));
                continue;
            }

            var actual = PackageFile.Of(path);
            if (actual.Bytes != expected.Bytes)
            {
                problems.Add(new(name, $"size is {actual.Bytes} bytes, manifest.json says {expected.Bytes}: the file is truncated or altered"));
            }
            else if (actual.Sha256 != expected.Sha256)
            {
                problems.Add(new(name, $"sha256 is {actual.Sha256}, manifest.json says {expected.Sha256}: the file is corrupted or altered"));
            }
            else
            {
                verified++;
            }
        }

        return summary with { Department = manifest.Department, Version = manifest.Version, FilesVerified = verified };
    }
}
