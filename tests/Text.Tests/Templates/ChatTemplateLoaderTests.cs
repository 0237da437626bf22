using Gateway.Text.Templates;

namespace Gateway.Text.Tests.Templates;

public sealed class ChatTemplateLoaderTests
{
    private static readonly ChatTemplateContext OneUserMessage = new() { Messages = [Conversation.Message("user", "hi")] };

    [Fact]
    public void Load_StringChatTemplate_ParsesIt()
    {
        using var package = new TemporaryDirectory();
        File.WriteAllText(package.Combine("tokenizer_config.json"), """{"chat_template": "{{ messages[0].content }}!", "eos_token": "</s>"}""");

        Assert.Equal("hi!", ChatTemplateLoader.Load(package.Path)?.Render(OneUserMessage));
    }

    [Fact]
    public void Load_ListOfNamedTemplates_UsesDefault()
    {
        using var package = new TemporaryDirectory();
        File.WriteAllText(package.Combine("tokenizer_config.json"), """
            {"chat_template": [
              {"name": "tool_use", "template": "tools"},
              {"name": "default", "template": "default {{ messages | length }}"}
            ]}
            """);

        Assert.Equal("default 1", ChatTemplateLoader.Load(package.Path)?.Render(OneUserMessage));
    }

    [Fact]
    public void Load_NoTemplateInConfig_FallsBackToJinjaFile()
    {
        using var package = new TemporaryDirectory();
        File.WriteAllText(package.Combine("tokenizer_config.json"), """{"eos_token": "</s>"}""");
        File.WriteAllText(package.Combine("chat_template.jinja"), "{% for m in messages %}[{{ m.role }}]{% endfor %}\n");

        Assert.Equal("[user]", ChatTemplateLoader.Load(package.Path)?.Render(OneUserMessage));
    }

    [Fact]
    public void Load_NoTemplateAnywhere_ReturnsNull()
    {
        using var package = new TemporaryDirectory();
        File.WriteAllText(package.Combine("tokenizer_config.json"), """{"eos_token": "</s>"}""");

        Assert.Null(ChatTemplateLoader.Load(package.Path));
    }

    [Fact]
    public void Load_EmptyDirectory_ReturnsNull()
    {
        using var package = new TemporaryDirectory();

        Assert.Null(ChatTemplateLoader.Load(package.Path));
    }

    [Fact]
    public void Load_BrokenTemplate_ThrowsWithLine()
    {
        using var package = new TemporaryDirectory();
        File.WriteAllText(package.Combine("chat_template.jinja"), "ok\n{% if x %}");

        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplateLoader.Load(package.Path));

        Assert.Equal(2, error.Line);
    }
}
