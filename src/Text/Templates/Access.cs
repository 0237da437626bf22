namespace Gateway.Text.Templates;

/// <summary><c>x.name</c>, <c>x[key]</c> and <c>x[a:b:c]</c>; anything missing is undefined, never an error.</summary>
internal static class Access
{
    public static object? GetAttribute(object? target, string name)
    {
        switch (target)
        {
            case IReadOnlyDictionary<string, object?> dict when dict.TryGetValue(name, out var value):
                return TemplateValues.Normalize(value);
            case Namespace ns:
                return ns.Values.TryGetValue(name, out var stored) ? stored : new Undefined(name);
            case LoopState loop:
                return loop.GetAttribute(name);
            case Undefined or null:
                return new Undefined(name);
            default:
                return Methods.TryBind(target, name) ?? (object)new Undefined(name);
        }
    }

    public static object? GetItem(object? target, object? key)
    {
        switch (target)
        {
            case IReadOnlyDictionary<string, object?> dict:
                return dict.TryGetValue(TemplateValues.ToStr(key), out var value) ? TemplateValues.Normalize(value) : new Undefined(TemplateValues.ToStr(key));
            case IReadOnlyList<object?> list when key is long or bool:
                var index = TemplateValues.ToLong(key);
                index = index < 0 ? index + list.Count : index;
                return index >= 0 && index < list.Count ? TemplateValues.Normalize(list[(int)index]) : new Undefined($"[{key}]");
            case string text when key is long position:
                position = position < 0 ? position + text.Length : position;
                return position >= 0 && position < text.Length ? text[(int)position].ToString() : new Undefined($"[{key}]");
            case Namespace or LoopState when key is string name:
                return GetAttribute(target, name);
            default:
                return key is string attribute ? GetAttribute(target, attribute) : new Undefined($"[{key}]");
        }
    }

    /// <summary>Python slicing, negative indices and steps included (<c>messages[::-1]</c>).</summary>
    public static object? Slice(object? target, object? start, object? stop, object? step)
    {
        var count = target switch
        {
            IReadOnlyList<object?> list => list.Count,
            string text => text.Length,
            Undefined => 0,
            _ => throw new ChatTemplateException($"'{TemplateValues.TypeName(target)}' object is not subscriptable"),
        };
        var stride = step is null ? 1 : TemplateValues.ToLong(step);
        if (stride == 0)
        {
            throw new ChatTemplateException("slice step cannot be zero");
        }

        var indices = new List<int>();
        var (from, to) = stride > 0
            ? (Clamp(start, count, 0, 0, count), Clamp(stop, count, count, 0, count))
            : (Clamp(start, count, count - 1, -1, count - 1), Clamp(stop, count, -1, -1, count - 1));
        for (var i = from; stride > 0 ? i < to : i > to; i += stride)
        {
            indices.Add((int)i);
        }

        return target switch
        {
            IReadOnlyList<object?> list => indices.Select(i => list[i]).ToList(),
            string text => string.Concat(indices.Select(i => text[i])),
            _ => new List<object?>(),
        };
    }

    private static long Clamp(object? bound, int count, long fallback, long low, long high)
    {
        if (bound is null or Undefined)
        {
            return fallback;
        }

        var value = TemplateValues.ToLong(bound);
        value = value < 0 ? value + count : value;
        return Math.Clamp(value, low, high);
    }
}
