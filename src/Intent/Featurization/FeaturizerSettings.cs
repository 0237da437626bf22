using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Intent.Featurization;

/// <summary>
/// <c>featurizer.json</c>: everything that decides which features a text gets. Saved beside the weights so the
/// scorer featurizes exactly as the trainer did; a change here means a retrain.
/// </summary>
public sealed record FeaturizerSettings
{
    public const string FileName = "featurizer.json";
    public const string Fnv1a64 = "fnv1a-64-utf16";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Hash buckets: rows of the weight matrix.</summary>
    public int Buckets { get; init; } = 1 << 18;
    public int WordNgramMax { get; init; } = 2;
    public int CharNgramMin { get; init; } = 3;
    public int CharNgramMax { get; init; } = 5;

    /// <summary>Words past this many are ignored, so a pasted log cannot make scoring slow.</summary>
    public int MaxWords { get; init; } = 256;

    /// <summary>Every digit reads as 0: order numbers and dates share features instead of each being new.</summary>
    public bool DigitsAsZero { get; init; } = true;
    public string Hash { get; init; } = Fnv1a64;

    public void Save(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    public static FeaturizerSettings Load(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{FileName}: file is missing");
        }

        FeaturizerSettings settings;
        try
        {
            settings = JsonSerializer.Deserialize<FeaturizerSettings>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{FileName}: empty JSON document");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{FileName}: not valid featurizer settings ({e.Message})", e);
        }

        settings.Validate();
        return settings;
    }

    public void Validate()
    {
        string? problem = this switch
        {
            { Buckets: < 2 } => "buckets must be at least 2",
            { WordNgramMax: < 1 } => "wordNgramMax must be at least 1",
            { CharNgramMin: < 1 } => "charNgramMin must be at least 1",
            _ when CharNgramMax < CharNgramMin => "charNgramMax must not be below charNgramMin",
            { MaxWords: < 1 } => "maxWords must be at least 1",
            _ when Hash != Fnv1a64 => $"hash '{Hash}' is not supported (expected '{Fnv1a64}')",
            _ => null,
        };
        if (problem is not null)
        {
            throw new InvalidDataException($"{FileName}: {problem}");
        }
    }
}
