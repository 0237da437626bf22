namespace Gateway.Text.Templates;

/// <summary>Evaluated arguments of a call, filter or test (after its subject).</summary>
internal sealed record CallArguments(IReadOnlyList<object?> Positional, IReadOnlyDictionary<string, object?> Named)
{
    public static readonly CallArguments Empty = new([], new Dictionary<string, object?>());

    /// <summary>The argument at <paramref name="index"/> or named <paramref name="name"/>, else <paramref name="fallback"/>.</summary>
    public object? Get(int index, string name, object? fallback = null) =>
        index < Positional.Count ? Positional[index]
        : Named.TryGetValue(name, out var value) ? value
        : fallback;

    public string GetString(int index, string name, string fallback) => Get(index, name) switch
    {
        null or Undefined => fallback,
        var value => TemplateValues.ToStr(value),
    };

    public long GetInteger(int index, string name, long fallback) => Get(index, name) switch
    {
        long number => number,
        bool flag => flag ? 1 : 0,
        double number => (long)number,
        null or Undefined => fallback,
        var other => throw new ChatTemplateException($"expected an integer for '{name}', got {TemplateValues.TypeName(other)}"),
    };

    public bool GetBoolean(int index, string name, bool fallback) =>
        Get(index, name, fallback) is var value && value is not Undefined ? TemplateValues.IsTruthy(value) : fallback;
}

/// <summary>A callable value: a global function, a bound method, a macro or <c>caller</c>.</summary>
internal delegate object? TemplateFunction(CallArguments arguments);
