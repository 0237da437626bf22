using System.Globalization;
using System.Text.Json;

namespace Gateway.Configuration;

/// <summary>A JSON element that knows its path in routing.json, so every error can name the field.</summary>
internal sealed class ConfigNode(JsonElement element, string path)
{
    private readonly JsonElement _element = element;

    public string Path => path;

    public ConfigNode Child(string name) => new(
        _element.ValueKind == JsonValueKind.Object && _element.TryGetProperty(name, out var value) ? value : default,
        path.Length == 0 ? name : $"{path}.{name}");

    public ConfigNode? Optional(string name)
    {
        var child = Child(name);
        return child.IsMissing ? null : child;
    }

    public ConfigNode Required(string name) => Optional(name) ?? throw Child(name).Error("is required");

    public IEnumerable<(string Name, ConfigNode Node)> Properties() => _element.ValueKind == JsonValueKind.Object
        ? _element.EnumerateObject().Select(p => (p.Name, new ConfigNode(p.Value, path.Length == 0 ? p.Name : $"{path}.{p.Name}"))).ToList()
        : throw Error("must be an object");

    public IEnumerable<ConfigNode> Items() => _element.ValueKind == JsonValueKind.Array
        ? _element.EnumerateArray().Select((e, i) => new ConfigNode(e, $"{path}[{i}]")).ToList()
        : throw Error("must be an array");

    public string String() => _element.ValueKind == JsonValueKind.String && _element.GetString() is { Length: > 0 } s ? s : throw Error("must be a non-empty string");

    public string? OptionalString(string name) => Optional(name)?.String();

    public bool Bool() => _element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error("must be true or false"),
    };

    public int? OptionalInt(string name) => Optional(name) is { } n
        ? n._element.ValueKind == JsonValueKind.Number && n._element.TryGetInt32(out int i) ? i : throw n.Error("must be an integer")
        : null;

    public long? OptionalLong(string name) => Optional(name) is { } n
        ? n._element.ValueKind == JsonValueKind.Number && n._element.TryGetInt64(out long l) ? l : throw n.Error("must be an integer")
        : null;

    public double? OptionalDouble(string name) => Optional(name) is { } n
        ? n._element.ValueKind == JsonValueKind.Number ? n._element.GetDouble() : throw n.Error("must be a number")
        : null;

    public bool? OptionalBool(string name) => Optional(name) is { } n
        ? n._element.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw n.Error("must be true or false") }
        : null;

    public RoutingConfigException Error(string problem) => new($"{(path.Length == 0 ? "routing.json" : path)}: {problem}");

    private bool IsMissing => _element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{path}");
}
