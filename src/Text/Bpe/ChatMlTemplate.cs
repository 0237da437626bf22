using System.Text;

namespace Gateway.Text.Bpe;

/// <summary>The ChatML Jinja chat template, written exactly in the style of Qwen2-Instruct's tokenizer_config.json.</summary>
public static class ChatMlTemplate
{
    public const string ImStart = "<|im_start|>";
    public const string ImEnd = "<|im_end|>";

    /// <summary>
    /// Builds the template: a system turn with <paramref name="defaultSystemMessage"/> when the conversation
    /// does not start with one, each message as <c>&lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n</c>, and an
    /// open assistant turn when <c>add_generation_prompt</c> is set.
    /// </summary>
    public static string Build(string defaultSystemMessage = TrainedTokenizer.DefaultSystemMessage)
    {
        ArgumentNullException.ThrowIfNull(defaultSystemMessage);
        return "{% for message in messages %}"
            + "{% if loop.first and messages[0]['role'] != 'system' %}"
            + "{{ '<|im_start|>system\\n" + EscapeJinjaString(defaultSystemMessage) + "<|im_end|>\\n' }}"
            + "{% endif %}"
            + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
            + "{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    }

    // The message sits inside a single-quoted Jinja string literal.
    private static string EscapeJinjaString(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\'' => "\\'",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
