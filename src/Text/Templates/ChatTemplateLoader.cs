using System.Text.Json;

namespace Gateway.Text.Templates;

/// <summary>Finds a model package's chat template: tokenizer_config.json first, then chat_template.jinja.</summary>
public static class ChatTemplateLoader
{
    public const string TokenizerConfigFileName = "tokenizer_config.json";
    public const string TemplateFileName = "chat_template.jinja";

    /// <summary>
    /// The template of <c>chat_template</c> in tokenizer_config.json (a string, or a list of
    /// <c>{"name", "template"}</c> of which "default" is used), else the chat_template.jinja file; null when neither has one.
    /// </summary>
    /// <exception cref="ChatTemplateException">The template found does not parse.</exception>
    /// <exception cref="JsonException">tokenizer_config.json is not valid JSON.</exception>
    public static ChatTemplate? Load(string packageDirectory)
    {
        ArgumentNullException.ThrowIfNull(packageDirectory);
        var configPath = Path.Combine(packageDirectory, TokenizerConfigFileName);
        var source = File.Exists(configPath) ? FromConfig(File.ReadAllText(configPath)) : null;
        var templatePath = Path.Combine(packageDirectory, TemplateFileName);
        if (source is null && File.Exists(templatePath))
        {
            source = File.ReadAllText(templatePath);
        }

        return source is null ? null : ChatTemplate.Parse(source);
    }

    /// <summary>The chat template source in a tokenizer_config.json document, or null.</summary>
    public static string? FromConfig(string tokenizerConfigJson)
    {
        using var document = JsonDocument.Parse(tokenizerConfigJson);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("chat_template", out var template))
        {
            return null;
        }

        return template.ValueKind switch
        {
            JsonValueKind.String => template.GetString(),
            JsonValueKind.Array => template.EnumerateArray()
                .Where(entry => entry.ValueKind == JsonValueKind.Object
                    && entry.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == "default"
                    && entry.TryGetProperty("template", out var text) && text.ValueKind == JsonValueKind.String)
                .Select(entry => entry.GetProperty("template").GetString())
                .FirstOrDefault(),
            _ => null,
        };
    }
}
