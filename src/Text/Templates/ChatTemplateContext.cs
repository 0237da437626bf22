namespace Gateway.Text.Templates;

/// <summary>
/// The variables a chat template sees, as Hugging Face's <c>apply_chat_template</c> passes them.
/// Messages, tools and extra values are plain data: string, bool, long, double, null,
/// <see cref="IReadOnlyList{T}"/> of object? and <see cref="IReadOnlyDictionary{TKey, TValue}"/> of string → object?.
/// </summary>
public sealed record ChatTemplateContext
{
    public required IReadOnlyList<IReadOnlyDictionary<string, object?>> Messages { get; init; }
    public bool AddGenerationPrompt { get; init; }
    public string? BosToken { get; init; }
    public string? EosToken { get; init; }
    public IReadOnlyList<object?>? Tools { get; init; }

    /// <summary>Anything else a template may read (e.g. "enable_thinking", "date_string").</summary>
    public IReadOnlyDictionary<string, object?> Extra { get; init; } = new Dictionary<string, object?>();
}
