using Gateway.Text.Bpe;
using Gateway.Text.Templates;

namespace Gateway.Text.Tests.Templates;

/// <summary>The three template families small models ship, each over system+user+assistant+user.</summary>
public sealed class StyleTemplateTests
{
    // Qwen2-Instruct's tokenizer_config.json chat_template, verbatim.
    private const string Qwen2Template =
        "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    // Llama 3.1 style: trimmed system message moved into a dated header, strict alternation.
    private const string Llama31Template = """
        {{- bos_token }}
        {#- Llama 3.1 style: the system message is trimmed and moved into the header block #}
        {%- if not date_string is defined %}
            {%- set date_string = strftime_now("%d %b %Y") %}
        {%- endif %}
        {%- if messages[0]['role'] == 'system' %}
            {%- set system_message = messages[0]['content'] | trim %}
            {%- set messages = messages[1:] %}
        {%- else %}
            {%- set system_message = "" %}
        {%- endif %}
        {{- "<|start_header_id|>system<|end_header_id|>\n\n" }}
        {{- "Cutting Knowledge Date: December 2023\n" }}
        {{- "Today Date: " + date_string + "\n\n" }}
        {{- system_message }}
        {{- "<|eot_id|>" }}
        {%- for message in messages %}
            {%- if loop.index0 % 2 == 0 and message.role != 'user' %}
                {{- raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}
            {%- endif %}
            {{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}
        {%- endfor %}
        {%- if add_generation_prompt %}
            {{- '<|start_header_id|>assistant<|end_header_id|>\n\n' }}
        {%- endif %}

        """;

    // Phi-3-mini style.
    private const string Phi3Template =
        "{% for message in messages %}{% if message['role'] == 'system' %}{{'<|system|>\\n' + message['content'] + '<|end|>\\n'}}{% elif message['role'] == 'user' %}{{'<|user|>\\n' + message['content'] + '<|end|>\\n'}}{% elif message['role'] == 'assistant' %}{{'<|assistant|>\\n' + message['content'] + '<|end|>\\n'}}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>\\n' }}{% else %}{{ eos_token }}{% endif %}";

    private const string ChatMlConversation =
        "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\n  Hi there!  <|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n";

    private const string Llama31Conversation =
        "<s><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi there!<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>";

    private const string Phi3Conversation =
        "<|system|>\nYou are terse.<|end|>\n<|user|>\n  Hi there!  <|end|>\n<|assistant|>\nHello.<|end|>\n<|user|>\nWhat is 2+2?<|end|>\n";

    private static readonly Dictionary<string, object?> DateString = new() { ["date_string"] = "26 Jul 2024" };

    [Theory]
    [InlineData(false, ChatMlConversation)]
    [InlineData(true, ChatMlConversation + "<|im_start|>assistant\n")]
    public void Render_Qwen2ChatMl_MatchesExactText(bool addGenerationPrompt, string expected)
    {
        Assert.Equal(expected, Conversation.Render(Qwen2Template, Conversation.FourTurns(), addGenerationPrompt));
        Assert.Equal(expected, Conversation.Render(ChatMlTemplate.Build(), Conversation.FourTurns(), addGenerationPrompt));
    }

    [Fact]
    public void Render_ChatMlWithoutSystemMessage_InsertsDefaultSystemTurn()
    {
        var expected = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n  Hi there!  <|im_end|>\n"
            + "<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n";
        var messages = Conversation.FourTurns().Skip(1).ToList();

        Assert.Equal(expected, Conversation.Render(Qwen2Template, messages, addGenerationPrompt: true));
        Assert.Equal(expected, Conversation.Render(ChatMlTemplate.Build(), messages, addGenerationPrompt: true));
    }

    [Fact]
    public void Render_ChatMlBuiltWithCustomSystemMessage_EscapesItIntoTheLiteral()
    {
        var template = ChatMlTemplate.Build("It's \"quoted\"\n\\ok");
        var rendered = Conversation.Render(template, [Conversation.Message("user", "x")]);

        Assert.Equal("<|im_start|>system\nIt's \"quoted\"\n\\ok<|im_end|>\n<|im_start|>user\nx<|im_end|>\n", rendered);
    }

    [Theory]
    [InlineData(false, Llama31Conversation)]
    [InlineData(true, Llama31Conversation + "<|start_header_id|>assistant<|end_header_id|>\n\n")]
    public void Render_Llama31Style_MatchesExactText(bool addGenerationPrompt, string expected) =>
        Assert.Equal(expected, Conversation.Render(Llama31Template, Conversation.FourTurns(), addGenerationPrompt, DateString));

    [Fact]
    public void Render_Llama31StyleWithoutDate_UsesClockFromExtra()
    {
        var extra = new Dictionary<string, object?> { [ChatTemplate.TimeProviderKey] = new FixedClock(new DateTimeOffset(2025, 3, 7, 9, 0, 0, TimeSpan.Zero)) };
        var rendered = Conversation.Render(Llama31Template, [Conversation.Message("user", "Hi")], extra: extra);

        Assert.Contains("Today Date: 07 Mar 2025\n\n<|eot_id|>", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Llama31StyleRolesNotAlternating_RaisesTemplateMessage()
    {
        var messages = new[] { Conversation.Message("user", "a"), Conversation.Message("user", "b"), Conversation.Message("assistant", "c") };

        var error = Assert.Throws<ChatTemplateException>(() => Conversation.Render(Llama31Template, messages, extra: DateString));

        Assert.Equal("Conversation roles must alternate user/assistant/user/assistant/...", error.Message);
        Assert.True(error.RaisedByTemplate);
    }

    [Theory]
    [InlineData(false, Phi3Conversation + "</s>")]
    [InlineData(true, Phi3Conversation + "<|assistant|>\n")]
    public void Render_Phi3Style_MatchesExactText(bool addGenerationPrompt, string expected) =>
        Assert.Equal(expected, Conversation.Render(Phi3Template, Conversation.FourTurns(), addGenerationPrompt));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
