namespace Gateway.Text.Templates;

/// <summary>The global functions Jinja and Hugging Face give every template.</summary>
internal static class Globals
{
    private const long MaxRangeLength = 1_000_000;

    public static void AddTo(Scope scope, TimeProvider clock)
    {
        scope.Set("raise_exception", new TemplateFunction(args => throw ChatTemplateException.Raised(args.GetString(0, "message", ""))));
        scope.Set("namespace", new TemplateFunction(Namespace));
        scope.Set("dict", new TemplateFunction(args => args.Named.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)));
        scope.Set("range", new TemplateFunction(Range));
        scope.Set("strftime_now", new TemplateFunction(args =>
            PythonFormat.Strftime(clock.GetLocalNow(), args.GetString(0, "format", ""))));
    }

    private static Namespace Namespace(CallArguments args)
    {
        var ns = new Namespace();
        foreach (var initial in args.Positional.OfType<IReadOnlyDictionary<string, object?>>())
        {
            foreach (var (key, value) in initial)
            {
                ns.Values[key] = value;
            }
        }

        foreach (var (key, value) in args.Named)
        {
            ns.Values[key] = value;
        }

        return ns;
    }

    private static List<object?> Range(CallArguments args)
    {
        var bounds = args.Positional.Select(TemplateValues.ToLong).ToList();
        var (start, stop, step) = bounds.Count switch
        {
            1 => (0, bounds[0], 1),
            2 => (bounds[0], bounds[1], 1),
            3 => (bounds[0], bounds[1], bounds[2]),
            _ => throw new ChatTemplateException("range expected 1 to 3 arguments"),
        };
        if (step == 0)
        {
            throw new ChatTemplateException("range() arg 3 must not be zero");
        }

        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            if (result.Count >= MaxRangeLength)
            {
                throw new ChatTemplateException("range too large");
            }

            result.Add(i);
        }

        return result;
    }
}
