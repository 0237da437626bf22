using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Gateway.Text.Templates;

/// <summary>
/// Python semantics over plain values: none (null), bool, int (long), float (double), str (string),
/// list (IReadOnlyList of object?), dict (IReadOnlyDictionary of string → object?), plus <see cref="Undefined"/>.
/// </summary>
internal static partial class TemplateValues
{
    /// <summary>Brings caller data into the value model (ints, floats, JSON elements, other collections).</summary>
    public static object? Normalize(object? value) => value switch
    {
        null or bool or long or double or string or Undefined or Namespace or TemplateFunction or LoopState => value,
        IReadOnlyList<object?> or IReadOnlyDictionary<string, object?> => value,
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong big => (long)big,
        float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        char c => c.ToString(),
        JsonElement json => FromJson(json),
        IDictionary dictionary => dictionary.Cast<DictionaryEntry>()
            .ToDictionary(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "", e => e.Value),
        IEnumerable sequence => sequence.Cast<object?>().ToList(),
        _ => value,
    };

    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => json.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => json.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt64(out var integer) ? integer : (object)json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static bool IsTruthy(object? value) => value switch
    {
        null or Undefined => false,
        bool flag => flag,
        long number => number != 0,
        double number => number != 0,
        string text => text.Length > 0,
        IReadOnlyList<object?> list => list.Count > 0,
        IReadOnlyDictionary<string, object?> dict => dict.Count > 0,
        _ => true,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        Undefined => "Undefined",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        IReadOnlyList<object?> => "list",
        IReadOnlyDictionary<string, object?> => "dict",
        Namespace => "Namespace",
        TemplateFunction => "function",
        _ => value.GetType().Name,
    };

    /// <summary>The values a for loop visits: list items, dict keys, string characters; undefined is empty.</summary>
    public static IReadOnlyList<object?> Iterate(object? value) => value switch
    {
        Undefined => [],
        IReadOnlyList<object?> list => list,
        IReadOnlyDictionary<string, object?> dict => [.. dict.Keys],
        string text => [.. text.EnumerateRunes().Select(r => (object?)r.ToString())],
        _ => throw new ChatTemplateException($"'{TypeName(value)}' object is not iterable"),
    };

    public static long Length(object? value) => value switch
    {
        Undefined => 0,
        string text => text.EnumerateRunes().Count(),
        IReadOnlyList<object?> list => list.Count,
        IReadOnlyDictionary<string, object?> dict => dict.Count,
        _ => throw new ChatTemplateException($"object of type '{TypeName(value)}' has no len()"),
    };

    public static bool AreEqual(object? left, object? right)
    {
        if (IsNumber(left) && IsNumber(right) && left is not bool == right is not bool)
        {
            return left is double || right is double ? ToDouble(left) == ToDouble(right) : ToLong(left) == ToLong(right);
        }

        return (left, right) switch
        {
            (null, null) or (Undefined, Undefined) => true,
            (string a, string b) => a == b,
            (IReadOnlyList<object?> a, IReadOnlyList<object?> b) => a.Count == b.Count && a.Zip(b).All(p => AreEqual(p.First, p.Second)),
            (IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
                a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && AreEqual(p.Value, other)),
            _ => ReferenceEquals(left, right) || (left is not null && left.Equals(right)),
        };
    }

    /// <summary>Python ordering for numbers, strings and lists; anything else is a TypeError.</summary>
    public static int Compare(object? left, object? right, string op)
    {
        if (IsNumber(left) && IsNumber(right))
        {
            return ToDouble(left).CompareTo(ToDouble(right));
        }

        switch (left, right)
        {
            case (string a, string b):
                return string.CompareOrdinal(a, b);
            case (IReadOnlyList<object?> a, IReadOnlyList<object?> b):
                for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
                {
                    if (!AreEqual(a[i], b[i]))
                    {
                        return Compare(a[i], b[i], op);
                    }
                }

                return a.Count.CompareTo(b.Count);
            default:
                throw new ChatTemplateException(
                    $"'{op}' not supported between instances of '{TypeName(left)}' and '{TypeName(right)}'");
        }
    }

    public static double ToDouble(object? value) => value switch
    {
        long number => number,
        double number => number,
        bool flag => flag ? 1 : 0,
        _ => throw new ChatTemplateException($"expected a number, got {TypeName(value)}"),
    };

    public static long ToLong(object? value) => value switch
    {
        long number => number,
        bool flag => flag ? 1 : 0,
        double number => (long)number,
        _ => throw new ChatTemplateException($"expected an integer, got {TypeName(value)}"),
    };
}
