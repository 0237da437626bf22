using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Inference;
using Gateway.Inference.Generation;
using Gateway.Inference.Models;
using Gateway.ModelKit.Packaging;
using Gateway.ModelKit.Runtime;

namespace Gateway.Worker.Tests.OpenAi;

[Collection(SharedWorker.Name)]
public class CompletionsTests(WorkerFixture fixture)
{
    private readonly WorkerProcess _worker = fixture.Worker;

    [Fact]
    public async Task GreedyOverHttp_EqualsEngine_EqualsPlainOrtLoop()
    {
        int[] prompt = [1, 45, 120, 77, 300, 12, 9];
        const int count = 24;

        using var body = await PostJsonAsync("/v1/completions", new { prompt, max_tokens = count, temperature = 0 });
        string httpText = body.RootElement.GetProperty("choices")[0].GetProperty("text").GetString()!;

        using var engine = InferenceEngine.Load(new EngineOptions { ModelDirectory = TestPackages.TinyFp32, IntraOpThreads = 1 });
        var engineResult = await engine.GenerateCompleteAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = count, Sampling = SamplingOptions.Greedy });

        var config = GenAiConfig.Load(Path.Combine(TestPackages.TinyFp32, GenAiConfig.FileName));
        using var session = new DecoderSession(Path.Combine(TestPackages.TinyFp32, "model.onnx"), config.ToDecoderShape(ModelKit.Onnx.ElementType.Float));
        var plain = session.GreedyGenerate(prompt.Select(t => (long)t).ToList(), count).Select(t => (int)t).ToList();
        int eos = plain.FindIndex(config.EosTokenIds.Contains);
        var expected = eos < 0 ? plain : plain[..(eos + 1)];

        Assert.Equal(expected, engineResult.Tokens);
        Assert.Equal(engineResult.Text, httpText);
    }

    [Fact]
    public async Task Completions_StringPrompt_ReturnsTextUsageAndLegacyLogprobs()
    {
        using var body = await PostJsonAsync("/v1/completions", new { prompt = "The VPN client is", max_tokens = 6, temperature = 0, logprobs = 2 });
        var root = body.RootElement;
        var choice = root.GetProperty("choices")[0];

        Assert.Equal("text_completion", root.GetProperty("object").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(6, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        var logprobs = choice.GetProperty("logprobs");
        Assert.Equal(6, logprobs.GetProperty("token_logprobs").GetArrayLength());
        Assert.Equal(6, logprobs.GetProperty("top_logprobs").GetArrayLength());
    }

    [Fact]
    public async Task Completions_Streaming_EndsWithDoneAndConcatenatesToTheWholeText()
    {
        using var whole = await PostJsonAsync("/v1/completions", new { prompt = "Returns are", max_tokens = 10, temperature = 0 });
        string expected = whole.RootElement.GetProperty("choices")[0].GetProperty("text").GetString()!;

        using var response = await _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, "/v1/completions"),
            new { prompt = "Returns are", max_tokens = 10, temperature = 0, stream = true });
        string[] events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("data: [DONE]", events[^1]);
        string text = string.Concat(events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("choices")[0].GetProperty("text").GetString()));
        Assert.Equal(expected, text);
    }

    [Fact]
    public async Task TokenizeThenDetokenize_RoundTripsThePrompt()
    {
        using var tokens = await PostJsonAsync("/tokenize", new { prompt = "Reset the headset: hold power + volume down 10 s. ✓", add_special_tokens = false });
        var ids = tokens.RootElement.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(ids.Length, tokens.RootElement.GetProperty("count").GetInt32());

        using var text = await PostJsonAsync("/detokenize", new { tokens = ids });

        Assert.Equal("Reset the headset: hold power + volume down 10 s. ✓", text.RootElement.GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task Tokenize_ChatMessages_RendersTheChatTemplate()
    {
        using var tokens = await PostJsonAsync("/tokenize", new { messages = new[] { new { role = "user", content = "Hi" } } });
        var ids = tokens.RootElement.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        using var text = await PostJsonAsync("/detokenize", new { tokens = ids });

        Assert.Equal("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
            text.RootElement.GetProperty("prompt").GetString());
    }

    private async Task<JsonDocument> PostJsonAsync(string path, object body)
    {
        using var response = await _worker.Http.PostAsJsonAsync(new Uri(_worker.BaseUrl, path), body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }
}
