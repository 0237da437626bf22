namespace Gateway.Text.Templates;

/// <summary>
/// The object <c>namespace(...)</c> returns: the one thing a template can mutate with <c>set ns.a = x</c>,
/// which is how templates carry state out of a for loop (whose body has its own scope).
/// </summary>
internal sealed class Namespace
{
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);
}
