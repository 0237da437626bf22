namespace Gateway.Text.Chat;

/// <summary>
/// One message of a conversation, as OpenAI's chat API and fine-tuning files carry it: the one conversation type of
/// the gateway, the worker, the trainer and <c>gw eval</c>. <see cref="Content"/> is the text (text parts joined);
/// null only for an assistant message that calls tools. Everything else the client sent with the message (name,
/// tool_calls, tool_call_id, reasoning_content) travels in <see cref="Fields"/>, as plain data, to the chat template.
/// </summary>
public sealed record ChatTurn(string Role, string? Content)
{
    private static readonly IReadOnlyDictionary<string, object?> NoFields = new Dictionary<string, object?>();

    /// <summary>The message's other fields, as plain values (string, bool, long, double, lists, dictionaries).</summary>
    public IReadOnlyDictionary<string, object?> Fields { get; init; } = NoFields;

    public bool Is(string role) => string.Equals(Role, role, StringComparison.Ordinal);

    public static ChatTurn System(string content) => new(ChatRoles.System, content);

    public static ChatTurn User(string content) => new(ChatRoles.User, content);

    public static ChatTurn Assistant(string content) => new(ChatRoles.Assistant, content);

    /// <summary>The message as a chat template reads it: role, content and the other fields.</summary>
    public IReadOnlyDictionary<string, object?> ToTemplateData()
    {
        var data = new Dictionary<string, object?>(Fields, StringComparer.Ordinal)
        {
            ["role"] = Role,
            ["content"] = Content,
        };
        return data;
    }
}
