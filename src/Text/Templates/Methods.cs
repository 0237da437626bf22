namespace Gateway.Text.Templates;

/// <summary>The Python str, dict and list methods templates call, e.g. <c>content.split('&lt;/think&gt;')</c>.</summary>
internal static class Methods
{
    /// <summary>The method <paramref name="name"/> bound to <paramref name="target"/>, or null if it has none.</summary>
    public static TemplateFunction? TryBind(object? target, string name) => target switch
    {
        string text => StringMethod(text, name),
        IReadOnlyDictionary<string, object?> dict => DictMethod(dict, name),
        IReadOnlyList<object?> list => ListMethod(list, name),
        _ => null,
    };

    private static TemplateFunction? StringMethod(string text, string name) => name switch
    {
        "strip" => a => Strip(text, a, start: true, end: true),
        "lstrip" => a => Strip(text, a, start: true, end: false),
        "rstrip" => a => Strip(text, a, start: false, end: true),
        "split" => a => Split(text, a.Get(0, "sep"), a.GetInteger(1, "maxsplit", -1)),
        "startswith" => a => Affixes(a.Get(0, "prefix")).Any(p => text.StartsWith(p, StringComparison.Ordinal)),
        "endswith" => a => Affixes(a.Get(0, "suffix")).Any(s => text.EndsWith(s, StringComparison.Ordinal)),
        "upper" => _ => text.ToUpperInvariant(),
        "lower" => _ => text.ToLowerInvariant(),
        "title" => _ => PythonFormat.Title(text),
        "capitalize" => _ => PythonFormat.Capitalize(text),
        "replace" => a => Replace(text, a.GetString(0, "old", ""), a.GetString(1, "new", ""), a.GetInteger(2, "count", -1)),
        "find" => a => (long)text.IndexOf(a.GetString(0, "sub", ""), StringComparison.Ordinal),
        "rfind" => a => (long)text.LastIndexOf(a.GetString(0, "sub", ""), StringComparison.Ordinal),
        "count" => a => CountOccurrences(text, a.GetString(0, "sub", "")),
        "join" => a => string.Join(text, TemplateValues.Iterate(a.Get(0, "iterable")).Select(TemplateValues.ToStr)),
        "format" => a => PythonFormat.Format(text, a),
        "isdigit" => _ => text.Length > 0 && text.All(char.IsDigit),
        "isspace" => _ => text.Length > 0 && text.All(char.IsWhiteSpace),
        _ => null,
    };

    private static TemplateFunction? DictMethod(IReadOnlyDictionary<string, object?> dict, string name) => name switch
    {
        "items" => _ => dict.Select(p => (object?)new PythonTuple([p.Key, TemplateValues.Normalize(p.Value)])).ToList(),
        "keys" => _ => dict.Keys.Select(k => (object?)k).ToList(),
        "values" => _ => dict.Values.Select(TemplateValues.Normalize).ToList(),
        "get" => a => dict.TryGetValue(a.GetString(0, "key", ""), out var value) ? TemplateValues.Normalize(value) : a.Get(1, "default"),
        _ => null,
    };

    private static TemplateFunction? ListMethod(IReadOnlyList<object?> list, string name) => name switch
    {
        "index" => a => (long)list.ToList().FindIndex(x => TemplateValues.AreEqual(TemplateValues.Normalize(x), a.Get(0, "value"))),
        "count" => a => (long)list.Count(x => TemplateValues.AreEqual(TemplateValues.Normalize(x), a.Get(0, "value"))),
        _ => null,
    };

    public static string Strip(string text, CallArguments arguments, bool start, bool end)
    {
        var chars = arguments.Get(0, "chars");
        if (chars is null or Undefined)
        {
            return start && end ? text.Trim() : start ? text.TrimStart() : text.TrimEnd();
        }

        var set = TemplateValues.ToStr(chars).ToCharArray();
        return start && end ? text.Trim(set) : start ? text.TrimStart(set) : text.TrimEnd(set);
    }

    private static List<object?> Split(string text, object? separator, long maxSplit)
    {
        if (separator is null or Undefined)
        {
            // No separator: split on runs of whitespace and drop empty pieces, as Python does.
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return [.. words];
        }

        var sep = TemplateValues.ToStr(separator);
        if (sep.Length == 0)
        {
            throw new ChatTemplateException("empty separator");
        }

        var parts = maxSplit < 0 ? text.Split(sep) : text.Split(sep, (int)Math.Min(int.MaxValue, maxSplit + 1));
        return [.. parts];
    }

    private static IEnumerable<string> Affixes(object? value) =>
        value is IReadOnlyList<object?> list ? list.Select(TemplateValues.ToStr) : [TemplateValues.ToStr(value)];

    public static string Replace(string text, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? PythonFormat.ReplaceEmpty(text, replacement) : text.Replace(old, replacement, StringComparison.Ordinal);
        }

        var result = text;
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var found = result.IndexOf(old, position, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            result = string.Concat(result.AsSpan(0, found), replacement, result.AsSpan(found + old.Length));
            position = found + replacement.Length + (old.Length == 0 ? 1 : 0);
        }

        return result;
    }

    private static long CountOccurrences(string text, string part)
    {
        if (part.Length == 0)
        {
            return text.Length + 1;
        }

        long count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
