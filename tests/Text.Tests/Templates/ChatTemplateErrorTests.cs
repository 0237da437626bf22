using Gateway.Text.Templates;

namespace Gateway.Text.Tests.Templates;

public sealed class ChatTemplateErrorTests
{
    private const string AlternatingRoles = """
        {%- for message in messages %}
            {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}
                {{- raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}
            {%- endif %}
            {{- message['role'] + ': ' + message['content'] + '\n' }}
        {%- endfor %}
        """;

    [Fact]
    public void Render_RolesDoNotAlternate_ThrowsWithTemplateMessage()
    {
        var messages = new[] { Conversation.Message("user", "a"), Conversation.Message("user", "b") };

        var error = Assert.Throws<ChatTemplateException>(() => Conversation.Render(AlternatingRoles, messages));

        Assert.Equal("Conversation roles must alternate user/assistant/user/assistant/...", error.Message);
        Assert.True(error.RaisedByTemplate);
    }

    [Fact]
    public void Render_RolesAlternate_RendersEveryMessage()
    {
        var messages = new[] { Conversation.Message("user", "a"), Conversation.Message("assistant", "b") };

        Assert.Equal("user: a\nassistant: b\n", Conversation.Render(AlternatingRoles, messages));
    }

    [Theory]
    [InlineData("hello\n{% if x %}\nno end", 2, 4)]
    [InlineData("a\nb {{ 1 + }}", 2, 10)]
    [InlineData("{% for x in xs %}\n{% endif %}", 2, 4)]
    [InlineData("line\n\n  {% bogus %}", 3, 6)]
    [InlineData("{{ 'unterminated }}", 1, 4)]
    [InlineData("{{ x\n", 1, 1)]
    public void Parse_SyntaxError_ThrowsWithLineAndColumn(string template, int line, int column)
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(template));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains($"line {line}", error.Message, StringComparison.Ordinal);
        Assert.False(error.RaisedByTemplate);
    }

    [Theory]
    [InlineData("ok\n{{ 'a' + none }}", "unsupported operand type(s) for +: 'str' and 'NoneType'")]
    [InlineData("{{ missing + 'a' }}", "'missing' is undefined")]
    [InlineData("{{ 1 // 0 }}", "division by zero")]
    [InlineData("{{ x | no_such_filter }}", "no filter named 'no_such_filter'")]
    [InlineData("{{ nothing() }}", "'nothing' is undefined")]
    [InlineData("{% set x = 1 %}{% set x.a = 2 %}", "cannot assign attribute on non-namespace object 'x'")]
    public void Render_RuntimeError_ThrowsChatTemplateExceptionWithLine(string template, string message)
    {
        var parsed = ChatTemplate.Parse(template);

        var error = Assert.Throws<ChatTemplateException>(() => parsed.Render(new ChatTemplateContext { Messages = [] }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(template.Count(c => c == '\n') + 1, error.Line);
        Assert.False(error.RaisedByTemplate);
    }
}
