namespace Gateway.Text.Templates;

/// <summary>The <c>loop</c> variable inside a for loop.</summary>
internal sealed class LoopState(IReadOnlyList<object?> items)
{
    public int Index0 { get; set; }

    public object? GetAttribute(string name) => name switch
    {
        "index" => (long)Index0 + 1,
        "index0" => (long)Index0,
        "revindex" => (long)(items.Count - Index0),
        "revindex0" => (long)(items.Count - Index0 - 1),
        "first" => Index0 == 0,
        "last" => Index0 == items.Count - 1,
        "length" => (long)items.Count,
        "depth" => 1L,
        "depth0" => 0L,
        "previtem" => Index0 > 0 ? items[Index0 - 1] : new Undefined("loop.previtem"),
        "nextitem" => Index0 + 1 < items.Count ? items[Index0 + 1] : new Undefined("loop.nextitem"),
        "cycle" => new TemplateFunction(args => args.Positional.Count == 0
            ? throw new ChatTemplateException("loop.cycle() needs at least one argument")
            : args.Positional[Index0 % args.Positional.Count]),
        _ => new Undefined("loop." + name),
    };
}
