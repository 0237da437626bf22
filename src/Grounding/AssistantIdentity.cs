using System.Text.Json;

namespace Gateway.Grounding;

/// <summary>
/// Who the grounded assistant says it is: the company and the department's display name, as the knowledge base's
/// <c>assistant.json</c> gives them (<c>{"company": "Nordwave", "department": "IT helpdesk"}</c>). Data beside the
/// knowledge it introduces, not code, so another company's deployment names itself; training and serving read the
/// same file, so a model is served the words it was trained with.
/// </summary>
public sealed record AssistantIdentity(string? Company, string Department)
{
    public const string FileName = "assistant.json";

    /// <summary>The sentence that opens the system message: "the Nordwave IT helpdesk assistant".</summary>
    public string Title => Company is { Length: > 0 } company ? $"the {company} {Department} assistant" : $"the {Department} assistant";

    /// <summary>The folder's <c>assistant.json</c>, or null when it has none.</summary>
    public static AssistantIdentity? Load(string knowledgeDirectory)
    {
        string path = Path.Combine(knowledgeDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            string? company = root.TryGetProperty("company", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            string name = root.TryGetProperty("department", out var d) && d.ValueKind == JsonValueKind.String && d.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidDataException($"{FileName}: 'department' must be a non-empty string (the name the assistant gives itself)");
            return new AssistantIdentity(company, name);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{FileName}: not valid JSON ({e.Message})", e);
        }
    }
}
