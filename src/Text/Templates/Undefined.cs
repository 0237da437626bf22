namespace Gateway.Text.Templates;

/// <summary>
/// A missing variable, attribute or key. Like Jinja's default Undefined it renders as "", is falsy and
/// iterates as empty; unlike it, attribute access on it stays undefined (lenient chained access).
/// </summary>
internal sealed class Undefined
{
    public static readonly Undefined Instance = new("value");

    public Undefined(string name) => Name = name;

    /// <summary>What was missing, for error messages.</summary>
    public string Name { get; }

    public override string ToString() => "";
}
