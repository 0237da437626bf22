using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Gateway.Intent.Training;

/// <summary>
/// A data folder: <c>train.jsonl</c> and <c>dev.jsonl</c> (labelled by department) and optionally <c>oos.jsonl</c>
/// (out-of-scope messages, label "none"), with the sha256 of each file for the manifest.
/// </summary>
public sealed record TrainingData(
    IReadOnlyList<IntentExample> Train,
    IReadOnlyList<IntentExample> Dev,
    IReadOnlyList<IntentExample> OutOfScope,
    IReadOnlyList<string> Labels,
    JsonObject Digest)
{
    public const string TrainFile = "train.jsonl";
    public const string DevFile = "dev.jsonl";
    public const string OutOfScopeFile = "oos.jsonl";

    public static TrainingData Load(string directory)
    {
        var train = IntentExample.LoadJsonLines(Path.Combine(directory, TrainFile));
        var dev = IntentExample.LoadJsonLines(Path.Combine(directory, DevFile));
        string oosPath = Path.Combine(directory, OutOfScopeFile);
        var oos = File.Exists(oosPath) ? IntentExample.LoadJsonLines(oosPath) : [];

        // Ordinal order: the output order does not depend on which label the file happens to mention first.
        var labels = train.Select(e => e.Label).Distinct().Order(StringComparer.Ordinal).ToList();
        if (labels.Count < 2)
        {
            throw new InvalidDataException($"{TrainFile}: needs at least 2 labels, found {labels.Count}");
        }

        if (dev.FirstOrDefault(e => !labels.Contains(e.Label)) is { } unknown)
        {
            throw new InvalidDataException($"{DevFile}: label '{unknown.Label}' does not occur in {TrainFile}");
        }

        return new TrainingData(train, dev, oos, labels, DigestOf(directory, File.Exists(oosPath) ? [TrainFile, DevFile, OutOfScopeFile] : [TrainFile, DevFile]));
    }

    /// <summary>sha256 of each file and of the list of them, so a package says exactly which data made it.</summary>
    private static JsonObject DigestOf(string directory, string[] files)
    {
        var digest = new JsonObject();
        var all = new StringBuilder();
        foreach (string file in files)
        {
            using var stream = File.OpenRead(Path.Combine(directory, file));
            string sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            digest[file] = sha;
            all.Append(file).Append(':').Append(sha).Append('\n');
        }

        digest["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())));
        return digest;
    }
}
