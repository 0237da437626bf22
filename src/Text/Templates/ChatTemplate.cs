namespace Gateway.Text.Templates;

/// <summary>
/// A parsed Jinja chat template from a model's tokenizer_config.json, rendered as Hugging Face's
/// <c>apply_chat_template</c> does (trim_blocks, lstrip_blocks, <c>raise_exception</c>, <c>tojson</c>,
/// <c>strftime_now</c>). Parse once; <see cref="Render"/> is thread-safe.
/// </summary>
/// <remarks>
/// Why an interpreter of our own: no Jinja2 implementation for .NET is available from our package feed,
/// and the Liquid engines that are (Fluid, Scriban, DotLiquid) cannot run real chat templates: they lack
/// Python method calls (<c>content.split('x')[-1]</c>), slicing (<c>messages[::-1]</c>), <c>namespace()</c>,
/// tests (<c>is defined</c>) and Jinja's whitespace rules. Chat templates use a small, stable subset of
/// Jinja, which this interpreter covers with Python semantics for values, truthiness and printing.
/// </remarks>
public sealed class ChatTemplate
{
    /// <summary>Key in <see cref="ChatTemplateContext.Extra"/> for a <see cref="TimeProvider"/> that
    /// <c>strftime_now</c> reads; the system clock when absent.</summary>
    public const string TimeProviderKey = "time_provider";

    private readonly IReadOnlyList<Stmt> _body;

    private ChatTemplate(string source, IReadOnlyList<Stmt> body)
    {
        Source = source;
        _body = body;
    }

    public string Source { get; }

    /// <exception cref="ChatTemplateException">The template has a syntax error; the message has its line and column.</exception>
    public static ChatTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ChatTemplate(source, TemplateParser.Parse(source));
    }

    /// <exception cref="ChatTemplateException">Rendering failed, or the template called <c>raise_exception</c>
    /// (then <see cref="ChatTemplateException.RaisedByTemplate"/> is set and the message is the template's).</exception>
    public string Render(ChatTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = context.Extra.TryGetValue(TimeProviderKey, out var provided) && provided is TimeProvider custom
            ? custom
            : TimeProvider.System;
        var globals = new Scope(parent: null);
        Globals.AddTo(globals, clock);

        // As apply_chat_template: special tokens only when set, tools always (None when absent).
        globals.Set("messages", context.Messages);
        globals.Set("add_generation_prompt", context.AddGenerationPrompt);
        globals.Set("tools", context.Tools);
        if (context.BosToken is not null)
        {
            globals.Set("bos_token", context.BosToken);
        }

        if (context.EosToken is not null)
        {
            globals.Set("eos_token", context.EosToken);
        }

        foreach (var (name, value) in context.Extra)
        {
            globals.Set(name, TemplateValues.Normalize(value));
        }

        return Renderer.Render(_body, globals);
    }
}
