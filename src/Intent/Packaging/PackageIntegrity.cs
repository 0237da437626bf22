using Gateway.ModelKit.Packaging;

namespace Gateway.Intent.Packaging;

/// <summary>Checks that the package's files are the ones its manifest lists, byte for byte.</summary>
internal static class PackageIntegrity
{
    public static PackageManifest Verify(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"intent model folder '{directory}' does not exist");
        }

        var manifest = PackageManifest.Load(directory);
        if (manifest.Department != IntentPackageLayout.Department)
        {
            throw new InvalidDataException(
                $"{PackageManifest.FileName}: department is '{manifest.Department}', an intent model's is '{IntentPackageLayout.Department}'");
        }

        foreach (string required in IntentPackageLayout.RequiredFiles.Where(f => !manifest.Files.ContainsKey(f)))
        {
            throw new InvalidDataException($"{PackageManifest.FileName}: does not list {required}");
        }

        foreach (var (name, expected) in manifest.Files)
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"{name}: file is missing ({PackageManifest.FileName} lists it)");
            }

            var actual = PackageFile.Of(path);
            if (actual != expected)
            {
                throw new InvalidDataException(
                    $"{name}: sha256 {actual.Sha256} ({actual.Bytes} bytes) does not match {PackageManifest.FileName} " +
                    $"({expected.Sha256}, {expected.Bytes} bytes): the file is corrupted or altered");
            }
        }

        return manifest;
    }
}
