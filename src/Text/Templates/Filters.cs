using System.Globalization;
using System.Text;

namespace Gateway.Text.Templates;

/// <summary>Jinja's built-in filters that chat templates use, plus Hugging Face's <c>tojson</c>.</summary>
internal static partial class Filters
{
    public static object? Apply(string name, object? value, CallArguments args) => name switch
    {
        "default" or "d" => value is Undefined || (args.GetBoolean(1, "boolean", false) && !TemplateValues.IsTruthy(value))
            ? args.Get(0, "default_value", "")
            : value,
        "length" or "count" => TemplateValues.Length(value),
        "string" => TemplateValues.ToStr(value),
        "safe" => value,
        "e" or "escape" => Escape(TemplateValues.ToStr(value)),
        "trim" => Methods.Strip(TemplateValues.ToStr(value), args, start: true, end: true),
        "upper" => TemplateValues.ToStr(value).ToUpperInvariant(),
        "lower" => TemplateValues.ToStr(value).ToLowerInvariant(),
        "title" => PythonFormat.Title(TemplateValues.ToStr(value)),
        "capitalize" => PythonFormat.Capitalize(TemplateValues.ToStr(value)),
        "replace" => Methods.Replace(
            TemplateValues.ToStr(value), args.GetString(0, "old", ""), args.GetString(1, "new", ""), args.GetInteger(2, "count", -1)),
        "indent" => Indent(TemplateValues.ToStr(value), args),
        "format" => PythonFormat.Percent(TemplateValues.ToStr(value), args.Positional.ToList()),
        "tojson" => ToJson(value, args),
        "int" => ToInteger(value, args.Get(0, "default", 0L)),
        "float" => ToFloat(value, args.Get(0, "default", 0.0)),
        "abs" => value is long number ? Math.Abs(number) : (object)Math.Abs(TemplateValues.ToDouble(value)),
        "round" => Round(TemplateValues.ToDouble(value), (int)args.GetInteger(0, "precision", 0), args.GetString(1, "method", "common")),
        _ => ApplyToCollection(name, value, args),
    };

    private static string Escape(string text) => new StringBuilder(text)
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;").Replace("'", "&#39;")
        .ToString();

    private static string ToJson(object? value, CallArguments args)
    {
        var indent = args.Get(0, "indent") switch
        {
            long spaces => new string(' ', (int)spaces),
            string text => text,
            _ => null,
        };
        var separators = args.Get(1, "separators") as IReadOnlyList<object?>;
        return PythonJson.Dumps(
            value,
            indent,
            sortKeys: args.GetBoolean(2, "sort_keys", false),
            ensureAscii: args.GetBoolean(3, "ensure_ascii", false),
            itemSeparator: separators is { Count: 2 } ? TemplateValues.ToStr(separators[0]) : indent is null ? ", " : ",",
            keySeparator: separators is { Count: 2 } ? TemplateValues.ToStr(separators[1]) : ": ");
    }

    /// <summary>Jinja's indent: lines after the first get the indentation; blank lines only with blank=True.</summary>
    private static string Indent(string text, CallArguments args)
    {
        var indentation = args.Get(0, "width", 4L) is string custom ? custom : new string(' ', (int)args.GetInteger(0, "width", 4));
        var lines = (text + "\n").Split('\n')[..^1];
        var blank = args.GetBoolean(2, "blank", false);
        var result = new StringBuilder(lines.Length > 0 ? lines[0] : "");
        foreach (var line in lines.Skip(1))
        {
            result.Append('\n').Append(line.Length > 0 || blank ? indentation + line : line);
        }

        return args.GetBoolean(1, "first", false) ? indentation + result : result.ToString();
    }

    private static object? ToInteger(object? value, object? fallback) => value switch
    {
        long number => number,
        bool flag => flag ? 1L : 0L,
        double number => (long)number,
        string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
        string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => (long)parsed,
        _ => fallback,
    };

    private static object? ToFloat(object? value, object? fallback) => value switch
    {
        long or double or bool => TemplateValues.ToDouble(value),
        string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => fallback,
    };

    private static double Round(double value, int precision, string method) => method switch
    {
        "floor" => Math.Floor(value * Math.Pow(10, precision)) / Math.Pow(10, precision),
        "ceil" => Math.Ceiling(value * Math.Pow(10, precision)) / Math.Pow(10, precision),
        _ => Math.Round(value, precision, MidpointRounding.ToEven), // Python's round(): half to even
    };
}
