namespace Gateway.Text.Templates;

/// <summary>A template statement; <see cref="Line"/> points runtime errors at the template source.</summary>
internal abstract record Stmt(int Line);

internal sealed record TextStmt(int Line, string Text) : Stmt(Line);

internal sealed record OutputStmt(int Line, Expr Value) : Stmt(Line);

internal sealed record IfStmt(int Line, IReadOnlyList<KeyValuePair<Expr, IReadOnlyList<Stmt>>> Branches, IReadOnlyList<Stmt> Else)
    : Stmt(Line);

/// <summary><c>for a, b in xs if cond</c> … <c>else</c> …; the else body runs when nothing was iterated.</summary>
internal sealed record ForStmt(int Line, IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> Else)
    : Stmt(Line);

/// <summary><c>set a = x</c> or <c>set a, b = pair</c>.</summary>
internal sealed record SetStmt(int Line, IReadOnlyList<string> Targets, Expr Value) : Stmt(Line);

/// <summary><c>set ns.attr = x</c> on a namespace object.</summary>
internal sealed record SetAttributeStmt(int Line, string Variable, string Attribute, Expr Value) : Stmt(Line);

/// <summary><c>{% set name %}…{% endset %}</c>: the rendered body becomes a string variable.</summary>
internal sealed record SetBlockStmt(int Line, string Target, IReadOnlyList<Stmt> Body) : Stmt(Line);

internal sealed record MacroParameter(string Name, Expr? Default);

internal sealed record MacroStmt(int Line, string Name, IReadOnlyList<MacroParameter> Parameters, IReadOnlyList<Stmt> Body) : Stmt(Line);

/// <summary><c>{% call m(args) %}body{% endcall %}</c>: calls <c>m</c> with <c>caller()</c> rendering body.</summary>
internal sealed record CallBlockStmt(int Line, CallExpr Call, IReadOnlyList<MacroParameter> CallerParameters, IReadOnlyList<Stmt> Body)
    : Stmt(Line);

internal sealed record BreakStmt(int Line) : Stmt(Line);

internal sealed record ContinueStmt(int Line) : Stmt(Line);
