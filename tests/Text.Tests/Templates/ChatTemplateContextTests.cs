using System.Text.Json;
using Gateway.Text.Templates;

namespace Gateway.Text.Tests.Templates;

/// <summary>How the context reaches the template: standard variables, extra values, caller data types.</summary>
public sealed class ChatTemplateContextTests
{
    [Fact]
    public void Render_StandardVariables_AreVisibleAsHuggingFacePassesThem()
    {
        var template = ChatTemplate.Parse("{{ bos_token }}|{{ eos_token }}|{{ add_generation_prompt }}|{{ tools is none }}|{{ messages | length }}");

        var rendered = template.Render(new ChatTemplateContext { Messages = [Conversation.Message("user", "x")], BosToken = "<s>", EosToken = "</s>", AddGenerationPrompt = true });

        Assert.Equal("<s>|</s>|True|True|1", rendered);
    }

    [Fact]
    public void Render_UnsetBosToken_IsUndefined()
    {
        var rendered = ChatTemplate.Parse("{{ bos_token is defined }}[{{ bos_token }}]").Render(new ChatTemplateContext { Messages = [] });

        Assert.Equal("False[]", rendered);
    }

    [Fact]
    public void Render_ExtraValues_AreVariablesAndNormalized()
    {
        using var json = JsonDocument.Parse("""{"n": 2, "flags": [true, null], "nested": {"k": "v"}}""");
        var extra = new Dictionary<string, object?>
        {
            ["enable_thinking"] = false,
            ["count"] = 3,
            ["ratio"] = 0.5f,
            ["json"] = json.RootElement.Clone(),
        };

        var rendered = ChatTemplate.Parse("{{ enable_thinking is false }} {{ count + 1 }} {{ ratio }} {{ json.n * 2 }} {{ json.flags }} {{ json.nested.k }} {{ json | tojson }}")
            .Render(new ChatTemplateContext { Messages = [], Extra = extra });

        Assert.Equal("True 4 0.5 4 [True, None] v {\"n\": 2, \"flags\": [true, null], \"nested\": {\"k\": \"v\"}}", rendered);
    }

    [Fact]
    public void Render_MissingKeysAndChainedAccess_AreUndefinedNotErrors()
    {
        var template = ChatTemplate.Parse("[{{ message.tool_calls }}][{{ message.a.b.c }}]{{ message.a.b is defined }}{{ message['role'] is defined }}{{ messages[5] is undefined }}");

        var rendered = template.Render(new ChatTemplateContext
        {
            Messages = [Conversation.Message("user", "x")],
            Extra = new Dictionary<string, object?> { ["message"] = Conversation.Message("user", "x") },
        });

        Assert.Equal("[][]FalseTrueTrue", rendered);
    }

    [Fact]
    public void Render_ManyThreadsOneTemplate_EachGetsItsOwnResult()
    {
        var template = ChatTemplate.Parse("{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{{ m.content }}{% endfor %}:{{ ns.n }}");

        var results = Enumerable.Range(0, 64).AsParallel().Select(i => template.Render(new ChatTemplateContext
        {
            Messages = [.. Enumerable.Range(0, i % 5).Select(j => Conversation.Message("user", $"{i}."))],
        })).ToList();

        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal(string.Concat(Enumerable.Repeat($"{i}.", i % 5)) + ":" + (i % 5), results[i]);
        }
    }
}
