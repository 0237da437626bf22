using System.Text.Json;

namespace Gateway.Text.Chat;

/// <summary>JSON as the plain values chat templates work with: string, bool, long, double, null, lists and dictionaries.</summary>
public static class PlainData
{
    public static object? From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.TryGetInt64(out long i) ? i : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(From).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => From(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}
