using Gateway.Text.Templates;
using Gateway.Text.Tokenization;

namespace Gateway.Text.Chat;

/// <summary>
/// Turns a chat conversation into prompt tokens the way Hugging Face's apply_chat_template does:
/// render the package's Jinja chat template, then encode without adding special tokens (the
/// template writes BOS and role markers itself).
/// </summary>
/// <param name="clock">The clock a template's <c>strftime_now</c> reads (a host's); null: the system clock.</param>
public sealed class ChatPrompter(ChatTemplate? template, ITextTokenizer tokenizer, TimeProvider? clock = null)
{
    public bool HasTemplate => template is not null;

    public static ChatPrompter Load(string packageDirectory, ITextTokenizer tokenizer, TimeProvider? clock = null) =>
        new(ChatTemplateLoader.Load(packageDirectory), tokenizer, clock);

    /// <summary>Renders the conversation; throws <see cref="ChatTemplateException"/> when the template refuses it.</summary>
    public string Render(
        IReadOnlyList<ChatTurn> messages, bool addGenerationPrompt,
        IReadOnlyList<object?>? tools = null, IReadOnlyDictionary<string, object?>? extra = null)
    {
        if (template is null)
        {
            throw new ChatTemplateException("this model has no chat_template in tokenizer_config.json; use /v1/completions with a prompt");
        }

        return template.Render(new ChatTemplateContext
        {
            // The one place a conversation becomes the plain data a Jinja template reads.
            Messages = [.. messages.Select(m => m.ToTemplateData())],
            AddGenerationPrompt = addGenerationPrompt,
            BosToken = tokenizer.BosTokenId is int bos ? tokenizer.TokenString(bos) : null,
            EosToken = tokenizer.EosTokenIds.Count > 0 ? tokenizer.TokenString(tokenizer.EosTokenIds[0]) : null,
            Tools = tools,
            Extra = WithClock(extra),
        });
    }

    public IReadOnlyList<int> Tokenize(
        IReadOnlyList<ChatTurn> messages, bool addGenerationPrompt,
        IReadOnlyList<object?>? tools = null, IReadOnlyDictionary<string, object?>? extra = null) =>
        tokenizer.Encode(Render(messages, addGenerationPrompt, tools, extra), addSpecialTokens: false);

    private IReadOnlyDictionary<string, object?> WithClock(IReadOnlyDictionary<string, object?>? extra)
    {
        if (clock is null || extra?.ContainsKey(ChatTemplate.TimeProviderKey) == true)
        {
            return extra ?? new Dictionary<string, object?>();
        }

        var withClock = extra is null ? new Dictionary<string, object?>(1) : new Dictionary<string, object?>(extra);
        withClock[ChatTemplate.TimeProviderKey] = clock;
        return withClock;
    }
}
