using System.Text.Json;
using Gateway.Text.Bpe;

namespace Gateway.Text.Tokenization;

/// <summary>Small readers for tokenizer.json parts, with errors that name the file and the unsupported type.</summary>
internal static class TokenizerJson
{
    public static NotSupportedException Unsupported(string path, string part, string type) =>
        new($"{TokenizerFiles.TokenizerJson}: {part} type '{type}' is not supported ({path})");

    public static InvalidDataException Invalid(string path, string problem) =>
        new($"{TokenizerFiles.TokenizerJson}: {problem} ({path})");

    /// <summary>The "type" of a component object; throws when it is missing.</summary>
    public static string TypeOf(JsonElement component, string path, string part)
    {
        return component.ValueKind == JsonValueKind.Object
            && component.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()!
            : throw Invalid(path, $"{part} has no string 'type'");
    }

    /// <summary>The component object, or null when the property is absent or JSON null.</summary>
    public static JsonElement? Component(JsonElement parent, string name)
    {
        return parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
    }

    public static string? String(JsonElement element, string name)
    {
        return element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    public static bool Bool(JsonElement element, string name, bool fallback)
    {
        return element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : fallback;
    }

    public static int Int(JsonElement element, string name, int fallback)
    {
        return element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : fallback;
    }

    public static IEnumerable<JsonElement> Array(JsonElement element, string name, string path)
    {
        return element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw Invalid(path, $"'{name}' is not an array");
    }

    /// <summary>A Replace/Split "pattern": {"String": s} (literal) or {"Regex": r}, as a .NET regex source.</summary>
    public static string PatternRegex(JsonElement component, string path, string part)
    {
        if (component.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.Object)
        {
            if (String(pattern, "String") is { } literal)
            {
                return System.Text.RegularExpressions.Regex.Escape(literal);
            }

            if (String(pattern, "Regex") is { } regex)
            {
                return regex;
            }
        }

        throw Invalid(path, $"{part} has no 'pattern' with 'String' or 'Regex'");
    }
}
