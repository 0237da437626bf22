using System.Text.Json.Nodes;
using Gateway.ModelKit.Llama;

namespace Gateway.ModelKit.Packaging;

/// <summary>What goes into a package besides weights and tokenizer.</summary>
public sealed record PackageSpec
{
    public string Department { get; init; } = "general";
    public string Version { get; init; } = "v1";
    public string? Parent { get; init; }
    public DecoderGraphOptions Graph { get; init; } = DecoderGraphOptions.Default;

    /// <summary>Weights in model.onnx.data beside model.onnx (as real exports do) rather than inline.</summary>
    public bool ExternalData { get; init; } = true;

    public JsonObject Metrics { get; init; } = [];
    public JsonObject Training { get; init; } = [];

    /// <summary>Replace an existing, non-empty output folder instead of refusing.</summary>
    public bool Overwrite { get; init; }

    public void Validate()
    {
        if (!PackageNames.IsValidName(Department))
        {
            throw new ArgumentException($"department '{Department}' must be 1-64 characters of letters, digits, '-' or '_'");
        }

        if (!PackageNames.IsValidName(Version, allowDots: true))
        {
            throw new ArgumentException($"version '{Version}' must be 1-64 characters of letters, digits, '.', '-' or '_'");
        }

        Graph.Validate();
    }
}

/// <summary>Department and version names are used as folder names and in URLs, so they stay plain.</summary>
public static class PackageNames
{
    public static bool IsValidName(string name, bool allowDots = false) =>
        name.Length is > 0 and <= 64 && name[0] != '.' &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (allowDots && c == '.'));
}
