using System.Globalization;
using System.Text;

namespace Gateway.Text.Templates;

/// <summary>Python string formatting as templates use it: <c>'%s' % x</c>, <c>str.format</c>, title case, strftime.</summary>
internal static class PythonFormat
{
    /// <summary><c>format % args</c> with %s, %d, %i, %f, %r and %%; enough for prompts.</summary>
    public static string Percent(string format, object? arguments)
    {
        var values = arguments is IReadOnlyList<object?> list ? list : [arguments];
        var next = 0;
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            var spec = format[++i];
            if (spec == '%')
            {
                builder.Append('%');
                continue;
            }

            var value = next < values.Count ? values[next++] : throw new ChatTemplateException("not enough arguments for format string");
            builder.Append(spec switch
            {
                'd' or 'i' => TemplateValues.ToLong(value).ToString(CultureInfo.InvariantCulture),
                'f' => TemplateValues.ToDouble(value).ToString("F6", CultureInfo.InvariantCulture),
                'r' => TemplateValues.Repr(value),
                _ => TemplateValues.ToStr(value),
            });
        }

        return builder.ToString();
    }

    /// <summary><c>str.format</c> with <c>{}</c>, <c>{0}</c>, <c>{name}</c> and <c>{{</c>/<c>}}</c>; format specs are ignored.</summary>
    public static string Format(string format, CallArguments arguments)
    {
        var builder = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                builder.Append(c);
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0)
            {
                throw new ChatTemplateException("single '{' encountered in format string");
            }

            var field = format[(i + 1)..close].Split(':')[0];
            var value = field.Length == 0 ? arguments.Get(auto++, "")
                : int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? arguments.Get(index, "")
                : arguments.Named.TryGetValue(field, out var named) ? named
                : throw new ChatTemplateException($"missing format argument '{field}'");
            builder.Append(TemplateValues.ToStr(value));
            i = close;
        }

        return builder.ToString();
    }

    /// <summary>Jinja's title filter: each word starts upper case, the rest lower case.</summary>
    public static string Title(string text)
    {
        var builder = new StringBuilder(text.Length);
        var startOfWord = true;
        foreach (var c in text)
        {
            builder.Append(startOfWord ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            startOfWord = char.IsWhiteSpace(c) || c is '-' or '(' or '{' or '[' or '<';
        }

        return builder.ToString();
    }

    public static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();

    public static string ReplaceEmpty(string text, string replacement) =>
        replacement + string.Concat(text.Select(c => c + replacement));

    /// <summary>The strftime directives date-aware templates use (Llama 3.1+: "%d %b %Y").</summary>
    public static string Strftime(DateTimeOffset time, string format)
    {
        var builder = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            var directive = format[++i];
            builder.Append(directive switch
            {
                'd' => time.ToString("dd", culture),
                'm' => time.ToString("MM", culture),
                'Y' => time.ToString("yyyy", culture),
                'y' => time.ToString("yy", culture),
                'b' => time.ToString("MMM", culture),
                'B' => time.ToString("MMMM", culture),
                'a' => time.ToString("ddd", culture),
                'A' => time.ToString("dddd", culture),
                'H' => time.ToString("HH", culture),
                'I' => time.ToString("hh", culture),
                'M' => time.ToString("mm", culture),
                'S' => time.ToString("ss", culture),
                'p' => time.Hour < 12 ? "AM" : "PM",
                'j' => time.DayOfYear.ToString("D3", culture),
                'e' => time.Day.ToString(culture).PadLeft(2),
                '-' when i + 1 < format.Length && format[i + 1] == 'd' => time.Day.ToString(culture) + SkipOne(ref i),
                '%' => "%",
                _ => "%" + directive,
            });
        }

        return builder.ToString();
    }

    private static string SkipOne(ref int i)
    {
        i++;
        return "";
    }
}
