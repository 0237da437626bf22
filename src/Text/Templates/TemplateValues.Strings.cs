using System.Globalization;
using System.Text;

namespace Gateway.Text.Templates;

/// <summary>Python's str() and repr(), which is what Jinja prints for non-string values.</summary>
internal static partial class TemplateValues
{
    public static string ToStr(object? value) => value switch
    {
        string text => text,
        Undefined => "",
        null => "None",
        bool flag => flag ? "True" : "False",
        long number => number.ToString(CultureInfo.InvariantCulture),
        double number => FloatToString(number),
        PythonTuple { Count: 1 } single => "(" + Repr(single[0]) + ",)",
        PythonTuple tuple => "(" + string.Join(", ", tuple.Select(Repr)) + ")",
        IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        IReadOnlyDictionary<string, object?> dict =>
            "{" + string.Join(", ", dict.Select(p => Repr(p.Key) + ": " + Repr(p.Value))) + "}",
        Namespace ns => "<Namespace " + ToStr(ns.Values) + ">",
        _ => value.ToString() ?? "",
    };

    public static string Repr(object? value) => value is string text ? QuoteString(text) : ToStr(Normalize(value));

    /// <summary>Python's float repr: shortest round-trip digits, always with a '.0' or exponent.</summary>
    public static string FloatToString(double number)
    {
        if (double.IsNaN(number))
        {
            return "nan";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "inf" : "-inf";
        }

        if (number == Math.Floor(number) && Math.Abs(number) < 1e16)
        {
            return number.ToString("F1", CultureInfo.InvariantCulture);
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.Contains('e', StringComparison.Ordinal) || text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string QuoteString(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '\n' => builder.Append(@"\n"),
                '\r' => builder.Append(@"\r"),
                '\t' => builder.Append(@"\t"),
                _ when c == quote => builder.Append('\\').Append(c),
                _ when c < ' ' => builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => builder.Append(c),
            };
        }

        return builder.Append(quote).ToString();
    }
}
