using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.ModelKit.Json;

/// <summary>Reads fields of a JSON file with errors that name the file and the field's path.</summary>
internal sealed class JsonFields(string fileName, JsonNode root)
{
    public string FileName { get; } = fileName;
    public JsonNode Root { get; } = root;

    public static JsonFields Load(string path)
    {
        string name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{name}: file is missing");
        }

        try
        {
            return new JsonFields(name, JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{name}: empty JSON document"));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: not valid JSON ({e.Message})", e);
        }
    }

    public JsonNode? Find(string path)
    {
        JsonNode? node = Root;
        foreach (string part in path.Split('.'))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
        }

        return node;
    }

    public JsonNode Require(string path) => Find(path) ?? throw Missing(path);

    public int Int(string path) => Convert(path, n => n.GetValue<int>());
    public long Long(string path) => Convert(path, n => n.GetValue<long>());
    public int? OptionalInt(string path) => Find(path) is null ? null : Int(path);
    public string String(string path) => Convert(path, n => n.GetValue<string>());
    public string? OptionalString(string path) => Find(path) is null ? null : String(path);
    public double Double(string path, double fallback) => Find(path) is null ? fallback : Convert(path, n => n.GetValue<double>());
    public bool Bool(string path, bool fallback) => Find(path) is null ? fallback : Convert(path, n => n.GetValue<bool>());

    /// <summary>An int or an array of ints (eos_token_id is either in real exports).</summary>
    public int[] Ints(string path) => Require(path) switch
    {
        JsonArray array => array.Select((item, i) => Convert($"{path}[{i}]", item ?? throw Missing($"{path}[{i}]"), n => n.GetValue<int>())).ToArray(),
        var single => [Convert(path, single, n => n.GetValue<int>())],
    };

    public InvalidDataException Missing(string path) => new($"{FileName}: missing '{path}'");

    private T Convert<T>(string path, Func<JsonNode, T> read) => Convert(path, Require(path), read);

    private T Convert<T>(string path, JsonNode node, Func<JsonNode, T> read)
    {
        try
        {
            return read(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{FileName}: '{path}' has the wrong type ({node.ToJsonString()})", e);
        }
    }
}
