namespace Gateway.Text.Templates;

/// <summary>Jinja's tests, the right-hand side of <c>x is defined</c>, <c>x is not none</c>, <c>x is equalto 3</c>.</summary>
internal static class IsTests
{
    public static bool Run(string name, object? value, CallArguments args)
    {
        var other = args.Get(0, "other");
        return name switch
        {
            "defined" => value is not Undefined,
            "undefined" => value is Undefined,
            "none" => value is null,
            "string" => value is string,
            "mapping" => value is IReadOnlyDictionary<string, object?>,
            "sequence" => value is string or IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>,
            "iterable" => value is string or IReadOnlyList<object?> or IReadOnlyDictionary<string, object?>,
            "number" => value is long or double or bool,
            "integer" => value is long,
            "float" => value is double,
            "boolean" => value is bool,
            "true" => value is true,
            "false" => value is false,
            "callable" => value is TemplateFunction,
            "odd" => TemplateValues.ToLong(value) % 2 != 0,
            "even" => TemplateValues.ToLong(value) % 2 == 0,
            "divisibleby" => TemplateValues.ToLong(value) % TemplateValues.ToLong(other) == 0,
            "lower" => value is string lower && lower == lower.ToLowerInvariant(),
            "upper" => value is string upper && upper == upper.ToUpperInvariant(),
            "equalto" or "eq" or "==" or "sameas" => TemplateValues.AreEqual(value, other),
            "ne" or "!=" => !TemplateValues.AreEqual(value, other),
            "lt" or "lessthan" or "<" => TemplateValues.Compare(value, other, "<") < 0,
            "le" or "<=" => TemplateValues.Compare(value, other, "<=") <= 0,
            "gt" or "greaterthan" or ">" => TemplateValues.Compare(value, other, ">") > 0,
            "ge" or ">=" => TemplateValues.Compare(value, other, ">=") >= 0,
            "in" => (bool)Operators.Binary("in", value, args.Get(0, "seq"))!,
            _ => throw new ChatTemplateException($"no test named '{name}'"),
        };
    }
}
