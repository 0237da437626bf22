namespace Gateway.Text.Templates;

/// <summary>Python's arithmetic, concatenation, comparison and membership operators.</summary>
internal static class Operators
{
    public static object? Unary(string op, object? operand) => (op, operand) switch
    {
        ("-", long number) => -number,
        ("-", double number) => -number,
        ("+", long or double) => operand,
        (_, bool flag) => op == "-" ? -(flag ? 1L : 0L) : flag ? 1L : 0L,
        _ => throw Unsupported(op, operand),
    };

    public static object? Binary(string op, object? left, object? right)
    {
        switch (op)
        {
            case "~":
                return TemplateValues.ToStr(left) + TemplateValues.ToStr(right);
            case "==":
                return TemplateValues.AreEqual(left, right);
            case "!=":
                return !TemplateValues.AreEqual(left, right);
            case "<":
                return TemplateValues.Compare(left, right, op) < 0;
            case "<=":
                return TemplateValues.Compare(left, right, op) <= 0;
            case ">":
                return TemplateValues.Compare(left, right, op) > 0;
            case ">=":
                return TemplateValues.Compare(left, right, op) >= 0;
            case "in":
                return Contains(right, left);
            case "not in":
                return !Contains(right, left);
        }

        if (TemplateValues.IsNumber(left) && TemplateValues.IsNumber(right))
        {
            return Arithmetic(op, left, right);
        }

        return (op, left, right) switch
        {
            ("+", string a, string b) => a + b,
            ("+", IReadOnlyList<object?> a, IReadOnlyList<object?> b) => a.Concat(b).ToList(),
            ("*", string text, long times) => string.Concat(Enumerable.Repeat(text, (int)Math.Max(0, times))),
            ("*", IReadOnlyList<object?> list, long times) => Enumerable.Repeat(list, (int)Math.Max(0, times)).SelectMany(x => x).ToList(),
            ("%", string format, _) => PythonFormat.Percent(format, right),
            _ => throw Unsupported(op, left, right),
        };
    }

    private static object Arithmetic(string op, object? left, object? right)
    {
        var integral = left is not double && right is not double;
        if (op is "/" or "//" or "%" && TemplateValues.ToDouble(right) == 0)
        {
            throw new ChatTemplateException("division by zero");
        }

        if (integral)
        {
            long a = TemplateValues.ToLong(left), b = TemplateValues.ToLong(right);
            switch (op)
            {
                case "+": return a + b;
                case "-": return a - b;
                case "*": return a * b;
                case "/": return (double)a / b;
                case "//": return (long)Math.Floor((double)a / b);
                case "%": return ((a % b) + b) % b;
                case "**" when b >= 0: return (long)Math.Pow(a, b);
            }
        }

        double x = TemplateValues.ToDouble(left), y = TemplateValues.ToDouble(right);
        return op switch
        {
            "+" => x + y,
            "-" => x - y,
            "*" => x * y,
            "/" => x / y,
            "//" => Math.Floor(x / y),
            "%" => x - (y * Math.Floor(x / y)),
            "**" => Math.Pow(x, y),
            _ => throw Unsupported(op, left, right),
        };
    }

    private static bool Contains(object? container, object? item) => container switch
    {
        string text when item is string part => text.Contains(part, StringComparison.Ordinal),
        string => throw new ChatTemplateException($"'in <string>' requires string as left operand, not {TemplateValues.TypeName(item)}"),
        IReadOnlyList<object?> list => list.Any(x => TemplateValues.AreEqual(TemplateValues.Normalize(x), item)),
        IReadOnlyDictionary<string, object?> dict => item is string key && dict.ContainsKey(key),
        Namespace ns => item is string name && ns.Values.ContainsKey(name),
        Undefined => false,
        _ => throw new ChatTemplateException($"argument of type '{TemplateValues.TypeName(container)}' is not iterable"),
    };

    // An undefined operand is reported as undefined (as Jinja does), not as a type mismatch.
    private static ChatTemplateException Unsupported(string op, object? left, object? right = null) =>
        left is Undefined u ? new($"'{u.Name}' is undefined")
        : right is Undefined v ? new($"'{v.Name}' is undefined")
        : new($"unsupported operand type(s) for {op}: '{TemplateValues.TypeName(left)}' and '{TemplateValues.TypeName(right)}'");
}
