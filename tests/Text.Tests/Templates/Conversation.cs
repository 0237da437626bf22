using Gateway.Text.Templates;

namespace Gateway.Text.Tests.Templates;

/// <summary>Builds template contexts from messages as plain dictionaries, the way the gateway passes them.</summary>
internal static class Conversation
{
    public static Dictionary<string, object?> Message(string role, object? content, params (string Key, object? Value)[] extra)
    {
        var message = new Dictionary<string, object?> { ["role"] = role, ["content"] = content };
        foreach (var (key, value) in extra)
        {
            message[key] = value;
        }

        return message;
    }

    /// <summary>system, user, assistant, user: the conversation every style test renders.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> FourTurns() =>
    [
        Message("system", "You are terse."),
        Message("user", "  Hi there!  "),
        Message("assistant", "Hello."),
        Message("user", "What is 2+2?"),
    ];

    public static string Render(string template, IReadOnlyList<IReadOnlyDictionary<string, object?>>? messages = null, bool addGenerationPrompt = false, IReadOnlyDictionary<string, object?>? extra = null) =>
        ChatTemplate.Parse(template).Render(new ChatTemplateContext
        {
            Messages = messages ?? [],
            AddGenerationPrompt = addGenerationPrompt,
            BosToken = "<s>",
            EosToken = "</s>",
            Extra = extra ?? new Dictionary<string, object?>(),
        });
}
