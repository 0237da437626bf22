using System.Globalization;

namespace Gateway.Text.Templates;

/// <summary>Filters over sequences and mappings: first, join, map, selectattr, sort and friends.</summary>
internal static partial class Filters
{
    private static object? ApplyToCollection(string name, object? value, CallArguments args)
    {
        var items = name is "items" or "dictsort" ? [] : TemplateValues.Iterate(value).Select(TemplateValues.Normalize).ToList();
        return name switch
        {
            "first" => items.Count > 0 ? items[0] : new Undefined("first"),
            "last" => items.Count > 0 ? items[^1] : new Undefined("last"),
            "list" => items,
            "reverse" => value is string text ? new string([.. text.Reverse()]) : Enumerable.Reverse(items).ToList(),
            "join" => string.Join(
                args.GetString(0, "d", ""),
                items.Select(item => TemplateValues.ToStr(args.Get(1, "attribute") is string path ? Attribute(item, path) : item))),
            "items" => value is IReadOnlyDictionary<string, object?> dict
                ? dict.Select(p => (object?)new PythonTuple([p.Key, TemplateValues.Normalize(p.Value)])).ToList()
                : value is Undefined ? new List<object?>() : throw new ChatTemplateException($"items filter needs a mapping, got {TemplateValues.TypeName(value)}"),
            "dictsort" => value is IReadOnlyDictionary<string, object?> map
                ? map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (object?)new PythonTuple([p.Key, TemplateValues.Normalize(p.Value)])).ToList()
                : throw new ChatTemplateException("dictsort filter needs a mapping"),
            "map" => Map(items, args),
            "select" => items.Where(item => PassesTest(item, args, 0)).ToList(),
            "reject" => items.Where(item => !PassesTest(item, args, 0)).ToList(),
            "selectattr" => items.Where(item => PassesTest(Attribute(item, args.GetString(0, "attribute", "")), args, 1)).ToList(),
            "rejectattr" => items.Where(item => !PassesTest(Attribute(item, args.GetString(0, "attribute", "")), args, 1)).ToList(),
            "unique" => items.Aggregate(new List<object?>(), (seen, item) =>
            {
                if (!seen.Any(s => TemplateValues.AreEqual(s, item)))
                {
                    seen.Add(item);
                }

                return seen;
            }),
            "sort" => Sort(items, args),
            "sum" => items.Select(item => args.Get(0, "attribute") is string path ? Attribute(item, path) : item)
                .Aggregate(args.Get(1, "start", 0L), (total, item) => Operators.Binary("+", total, item)),
            "max" => items.Count == 0 ? new Undefined("max") : Sort(items, args)[^1],
            "min" => items.Count == 0 ? new Undefined("min") : Sort(items, args)[0],
            "attr" => Access.GetAttribute(value, args.GetString(0, "name", "")),
            _ => throw new ChatTemplateException($"no filter named '{name}'"),
        };
    }

    /// <summary><c>map(attribute='x')</c> or <c>map('filter', args...)</c>.</summary>
    private static List<object?> Map(List<object?> items, CallArguments args)
    {
        if (args.Named.TryGetValue("attribute", out var path))
        {
            var fallback = args.Named.TryGetValue("default", out var d) ? d : null;
            return items.Select(item => Attribute(item, TemplateValues.ToStr(path)) is var v && v is Undefined && fallback is not null ? fallback : v).ToList();
        }

        var filter = args.GetString(0, "name", "");
        var rest = new CallArguments(args.Positional.Skip(1).ToList(), args.Named);
        return items.Select(item => Apply(filter, item, rest)).ToList();
    }

    // Test name at `testIndex`, its arguments after it; without a test, truthiness decides.
    private static bool PassesTest(object? value, CallArguments args, int testIndex)
    {
        if (args.Positional.Count <= testIndex)
        {
            return TemplateValues.IsTruthy(value);
        }

        var test = TemplateValues.ToStr(args.Positional[testIndex]);
        return IsTests.Run(test, value, new CallArguments(args.Positional.Skip(testIndex + 1).ToList(), args.Named));
    }

    private static List<object?> Sort(List<object?> items, CallArguments args)
    {
        var path = args.Get(2, "attribute") as string;
        var caseSensitive = args.GetBoolean(1, "case_sensitive", false);
        object? Key(object? item)
        {
            var key = path is null ? item : Attribute(item, path);
            return !caseSensitive && key is string text ? text.ToLowerInvariant() : key;
        }

        var sorted = items.Order(Comparer<object?>.Create((a, b) => TemplateValues.Compare(Key(a), Key(b), "<"))).ToList();
        if (args.GetBoolean(0, "reverse", false))
        {
            sorted.Reverse();
        }

        return sorted;
    }

    /// <summary>Dotted attribute paths such as "function.name"; numeric parts index lists.</summary>
    private static object? Attribute(object? item, string path)
    {
        foreach (var part in path.Split('.'))
        {
            item = long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? Access.GetItem(item, index) : Access.GetAttribute(item, part);
        }

        return item;
    }
}
