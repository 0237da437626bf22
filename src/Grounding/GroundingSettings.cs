using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.ModelKit.Packaging;

namespace Gateway.Grounding;

/// <summary>
/// The retrieval unit and top-k a model version is served with: the worker's settings where they are given, else what
/// the version was trained with (<c>training.knowledge.unit</c> and <c>top_k</c> in its manifest, written by
/// <c>gw train</c>), else sections and 3. A model answers well only from prompts shaped like the ones it learnt, so a
/// hot swap to a version trained on another unit must bring that unit with it, and <c>gw eval</c> must test it so.
/// </summary>
public sealed record GroundingSettings(RetrievalUnit Unit, int TopK, string Source)
{
    public const int DefaultTopK = 3;
    public const int MaxTopK = 20;

    /// <summary>The settings given, completed from the model's manifest, then the defaults; Source says where each came from.</summary>
    public static GroundingSettings For(string modelDirectory, RetrievalUnit? unit, int? topK)
    {
        var (trainedUnit, trainedTopK) = Trained(modelDirectory);
        string source = $"unit from the {Origin(unit is not null, trainedUnit is not null)}, top-k from the {Origin(topK is not null, trainedTopK is not null)}";
        return new GroundingSettings(unit ?? trainedUnit ?? RetrievalUnit.Section, topK ?? trainedTopK ?? DefaultTopK, source);
    }

    private static string Origin(bool set, bool trained) => set ? "settings" : trained ? "model's manifest" : "defaults";

    /// <summary>What the package's manifest says it was trained with; nulls when it does not say (or has no readable manifest).</summary>
    public static (RetrievalUnit? Unit, int? TopK) Trained(string modelDirectory)
    {
        if (!File.Exists(Path.Combine(modelDirectory, PackageManifest.FileName)))
        {
            return (null, null);
        }

        try
        {
            var knowledge = PackageManifest.Load(modelDirectory).Training["knowledge"] as JsonObject;
            var unit = knowledge?["unit"] is JsonValue u && u.TryGetValue(out string? name) ? RetrievalUnits.Parse(name) : null;
            int? topK = knowledge?["top_k"] is JsonValue k && k.TryGetValue(out int n) && n is >= 1 and <= MaxTopK ? n : null;
            return (unit, topK);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException)
        {
            // The engine load reports a broken package; grounding just falls back to the defaults.
            return (null, null);
        }
    }
}
