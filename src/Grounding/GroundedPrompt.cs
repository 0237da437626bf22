using System.Text;
using Gateway.Text.Chat;

namespace Gateway.Grounding;

/// <summary>
/// The one place the grounding format is defined, so the trainer teaches exactly what the worker
/// serves: retrieved passages go into the system message, after the department's instruction.
/// </summary>
public static class GroundedPrompt
{
    /// <summary>The retrieval query: the last user message, with the previous user turn when it is short.</summary>
    public static string Query(IReadOnlyList<ChatTurn> messages)
    {
        var users = messages.Where(m => m.Is(ChatRoles.User)).Select(m => m.Content ?? "").Where(t => t.Length > 0).ToList();
        if (users.Count == 0)
        {
            return "";
        }

        string last = users[^1];
        return users.Count > 1 && last.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 6 ? users[^2] + " " + last : last;
    }

    /// <summary>The system text for a department with its passages; the client's own system message, if any, follows it.</summary>
    public static string SystemText(AssistantIdentity assistant, IReadOnlyList<Passage> passages)
    {
        var text = new StringBuilder();
        text.Append("You are ").Append(assistant.Title)
            .Append(". Answer briefly and only from the context; if it does not say, say you don't know.");
        if (passages.Count > 0)
        {
            text.Append("\n\nContext:");
            for (int i = 0; i < passages.Count; i++)
            {
                text.Append("\n[").Append(i + 1).Append("] ").Append(passages[i].Title).Append(": ").Append(passages[i].Text.Replace('\n', ' '));
            }
        }

        return text.ToString();
    }

    /// <summary>The conversation with the grounded system message first (merged with the client's system message, if any).</summary>
    public static IReadOnlyList<ChatTurn> Apply(IReadOnlyList<ChatTurn> messages, AssistantIdentity assistant, IReadOnlyList<Passage> passages)
    {
        string system = SystemText(assistant, passages);
        var result = new List<ChatTurn>(messages.Count + 1);
        int start = 0;
        if (messages.Count > 0 && messages[0].Is(ChatRoles.System))
        {
            system = system + "\n\n" + (messages[0].Content ?? "");
            start = 1;
        }

        result.Add(ChatTurn.System(system));
        result.AddRange(messages.Skip(start));
        return result;
    }
}
