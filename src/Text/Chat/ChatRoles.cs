namespace Gateway.Text.Chat;

/// <summary>The roles a conversation's messages may have: OpenAI's, which chat templates know.</summary>
public static class ChatRoles
{
    public const string System = "system";
    public const string Developer = "developer";
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Tool = "tool";

    public static IReadOnlyList<string> All { get; } = [System, Developer, User, Assistant, Tool];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
