namespace Gateway.Text.Templates;

/// <summary>
/// Variables visible at one point of a render. For-loop iterations and macro calls get a child scope,
/// so <c>set</c> inside them does not leak out (as in Jinja); if-blocks share their parent's scope.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

    public object? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return new Undefined(name);
    }

    public void Set(string name, object? value) => _variables[name] = value;

    public Scope? Parent { get; } = parent;
}
