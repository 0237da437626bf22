namespace Gateway.Text.Templates;

/// <summary>An expression; <see cref="Line"/> points runtime errors at the template source.</summary>
internal abstract record Expr(int Line);

internal sealed record LiteralExpr(int Line, object? Value) : Expr(Line);

internal sealed record NameExpr(int Line, string Name) : Expr(Line);

/// <summary>A list literal, or a tuple (Python tuples behave as lists here).</summary>
internal sealed record ListExpr(int Line, IReadOnlyList<Expr> Items, bool IsTuple = false) : Expr(Line);

internal sealed record DictExpr(int Line, IReadOnlyList<KeyValuePair<Expr, Expr>> Entries) : Expr(Line);

internal sealed record AttributeExpr(int Line, Expr Target, string Name) : Expr(Line);

internal sealed record ItemExpr(int Line, Expr Target, Expr Index) : Expr(Line);

internal sealed record SliceExpr(int Line, Expr Target, Expr? Start, Expr? Stop, Expr? Step) : Expr(Line);

internal sealed record Arguments(IReadOnlyList<Expr> Positional, IReadOnlyList<KeyValuePair<string, Expr>> Named)
{
    public static readonly Arguments None = new([], []);
}

internal sealed record CallExpr(int Line, Expr Callee, Arguments Arguments) : Expr(Line);

internal sealed record FilterExpr(int Line, Expr Target, string Name, Arguments Arguments) : Expr(Line);

internal sealed record TestExpr(int Line, Expr Target, string Name, Arguments Arguments, bool Negated) : Expr(Line);

/// <summary><c>not</c>, unary minus and plus.</summary>
internal sealed record UnaryExpr(int Line, string Operator, Expr Operand) : Expr(Line);

/// <summary>Arithmetic, <c>~</c>, comparisons, <c>in</c>/<c>not in</c>, <c>and</c>/<c>or</c>.</summary>
internal sealed record BinaryExpr(int Line, string Operator, Expr Left, Expr Right) : Expr(Line);

/// <summary><c>Then if Condition else Else</c>; a missing else yields undefined, as in Jinja.</summary>
internal sealed record ConditionalExpr(int Line, Expr Condition, Expr Then, Expr? Else) : Expr(Line);
