using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.ModelKit.Json;

namespace Gateway.ModelKit.Packaging;

/// <summary>
/// <c>manifest.json</c>, the project's own record of a package: who it is for, where it came from,
/// and the sha256 of every other file, so a corrupted or altered package is refused before it serves.
/// </summary>
public sealed record PackageManifest
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string Department { get; init; }
    public required string Version { get; init; }
    public string? Parent { get; init; }
    public required DateTimeOffset Created { get; init; }
    public string Producer { get; init; } = "gw model";
    public required IReadOnlyDictionary<string, PackageFile> Files { get; init; }

    /// <summary>Free-form results (evaluation, training); the hot-swap gate reads what it knows.</summary>
    public JsonObject Metrics { get; init; } = [];

    /// <summary>How the weights were made: preset, seed, data digest, trainer settings.</summary>
    public JsonObject Training { get; init; } = [];

    /// <summary>Hashes every file of the folder but the manifest itself, by relative path with '/' separators.</summary>
    public static IReadOnlyDictionary<string, PackageFile> HashFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Name: Path.GetRelativePath(directory, path).Replace('\\', '/')))
            .Where(f => f.Name != FileName)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(f => f.Name, f => PackageFile.Of(f.Path), StringComparer.Ordinal);

    public void Save(string directory)
    {
        var files = new JsonObject();
        foreach (var (name, file) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            files[name] = new JsonObject { ["sha256"] = file.Sha256, ["bytes"] = file.Bytes };
        }

        var root = new JsonObject
        {
            ["format"] = Format,
            ["department"] = Department,
            ["version"] = Version,
            ["parent"] = Parent,
            ["created"] = Created.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["producer"] = Producer,
            ["files"] = files,
            ["metrics"] = Metrics.DeepClone(),
            ["training"] = Training.DeepClone(),
        };
        File.WriteAllText(Path.Combine(directory, FileName), root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>A package's version: its manifest's, else (a raw export without one) its folder's name.</summary>
    public static string VersionOf(string directory) =>
        File.Exists(Path.Combine(directory, FileName)) ? Load(directory).Version : new DirectoryInfo(directory).Name;

    public static PackageManifest Load(string directory)
    {
        var f = JsonFields.Load(Path.Combine(directory, FileName));
        int format = f.Int("format");
        if (format != CurrentFormat)
        {
            throw new InvalidDataException($"{FileName}: format {format} is not supported (expected {CurrentFormat})");
        }

        if (f.Require("files") is not JsonObject filesNode)
        {
            throw new InvalidDataException($"{FileName}: 'files' must be an object");
        }

        var files = new Dictionary<string, PackageFile>(StringComparer.Ordinal);
        foreach (var (name, entry) in filesNode)
        {
            // File names hold dots, so each entry is read on its own rather than by a dotted path.
            var file = new JsonFields($"{FileName}: files['{name}']", entry ?? throw f.Missing($"files.{name}"));
            files[name] = new PackageFile(file.String("sha256"), file.Long("bytes"));
        }

        return new PackageManifest
        {
            Format = format,
            Department = f.String("department"),
            Version = f.String("version"),
            Parent = f.OptionalString("parent"),
            Created = DateTimeOffset.Parse(f.String("created"), System.Globalization.CultureInfo.InvariantCulture),
            Producer = f.OptionalString("producer") ?? "",
            Files = files,
            Metrics = f.Find("metrics") as JsonObject is { } m ? (JsonObject)m.DeepClone() : [],
            Training = f.Find("training") as JsonObject is { } t ? (JsonObject)t.DeepClone() : [],
        };
    }
}

/// <summary>One file of a package: its sha256 (lower-case hex) and size.</summary>
public sealed record PackageFile(string Sha256, long Bytes)
{
    public static PackageFile Of(string path)
    {
        using var stream = File.OpenRead(path);
        return new PackageFile(Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }
}
