using System.Globalization;
using System.Text;

namespace Gateway.Text.Templates;

/// <summary>
/// Python's <c>json.dumps</c> as Hugging Face's <c>tojson</c> filter calls it: ensure_ascii=False, keys in
/// insertion order, <c>", "</c>/<c>": "</c> separators, or newlines and <c>","</c> when indenting.
/// Token-for-token equality with Python matters: the model was trained on this exact text.
/// </summary>
internal static class PythonJson
{
    public static string Dumps(object? value, string? indent, bool sortKeys, bool ensureAscii, string itemSeparator, string keySeparator)
    {
        var builder = new StringBuilder();
        Write(builder, value, indent, sortKeys, ensureAscii, itemSeparator, keySeparator, depth: 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value, string? indent, bool sortKeys, bool ensureAscii, string itemSeparator, string keySeparator, int depth)
    {
        switch (TemplateValues.Normalize(value))
        {
            case null:
                builder.Append("null");
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case long number:
                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                builder.Append(double.IsNaN(number) ? "NaN" : double.IsInfinity(number) ? (number > 0 ? "Infinity" : "-Infinity") : TemplateValues.FloatToString(number));
                break;
            case string text:
                WriteString(builder, text, ensureAscii);
                break;
            case IReadOnlyList<object?> list:
                WriteContainer(builder, '[', ']', list, indent, itemSeparator, depth,
                    item => Write(builder, item, indent, sortKeys, ensureAscii, itemSeparator, keySeparator, depth + 1));
                break;
            case IReadOnlyDictionary<string, object?> dict:
                var entries = sortKeys ? dict.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() : dict.ToList();
                WriteContainer(builder, '{', '}', entries, indent, itemSeparator, depth, entry =>
                {
                    WriteString(builder, entry.Key, ensureAscii);
                    builder.Append(keySeparator);
                    Write(builder, entry.Value, indent, sortKeys, ensureAscii, itemSeparator, keySeparator, depth + 1);
                });
                break;
            case Namespace ns:
                Write(builder, ns.Values, indent, sortKeys, ensureAscii, itemSeparator, keySeparator, depth);
                break;
            case var other:
                throw new ChatTemplateException($"Object of type {TemplateValues.TypeName(other)} is not JSON serializable");
        }
    }

    private static void WriteContainer<T>(StringBuilder builder, char open, char close, IReadOnlyList<T> items, string? indent, string itemSeparator, int depth, Action<T> writeItem)
    {
        builder.Append(open);
        if (items.Count == 0)
        {
            builder.Append(close);
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(itemSeparator);
            }

            if (indent is not null)
            {
                builder.Append('\n').Insert(builder.Length, indent, depth + 1);
            }

            writeItem(items[i]);
        }

        if (indent is not null)
        {
            builder.Append('\n').Insert(builder.Length, indent, depth);
        }

        builder.Append(close);
    }

    private static void WriteString(StringBuilder builder, string text, bool ensureAscii)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append(@"\\"),
                '\n' => builder.Append(@"\n"),
                '\r' => builder.Append(@"\r"),
                '\t' => builder.Append(@"\t"),
                '\b' => builder.Append(@"\b"),
                '\f' => builder.Append(@"\f"),
                _ when c < ' ' || (ensureAscii && c > '~') => builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => builder.Append(c),
            };
        }

        builder.Append('"');
    }
}
