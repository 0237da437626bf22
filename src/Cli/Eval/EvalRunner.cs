using Gateway.Grounding;
using Gateway.Inference;
using Gateway.Inference.Generation;
using Gateway.Text.Chat;

namespace Gateway.Cli.Eval;

/// <summary>
/// Runs one example the way the worker would serve it: the chat template (and, when grounded, the passages
/// <see cref="GroundedPrompt"/> puts into the system message), greedy generation, then teacher forcing of the reference.
/// </summary>
internal sealed class EvalRunner(InferenceEngine engine, ChatPrompter prompter, ReferenceScorer scorer, AssistantIdentity assistant, Bm25Index? index, int topK, int maxTokens)
{
    public async Task<ExampleResult> RunAsync(EvalExample example)
    {
        var ungrounded = await RunSettingAsync(example, example.Messages, null).ConfigureAwait(false);
        if (index is null)
        {
            return new ExampleResult(example, null, ungrounded);
        }

        var passages = index.Search(GroundedPrompt.Query(example.Messages), topK).Select(h => h.Passage).ToList();
        var grounded = await RunSettingAsync(example, GroundedPrompt.Apply(example.Messages, assistant, passages), passages).ConfigureAwait(false);
        return new ExampleResult(example, grounded, ungrounded);
    }

    private async Task<SettingResult> RunSettingAsync(EvalExample example, IReadOnlyList<ChatTurn> messages, IReadOnlyList<Passage>? passages)
    {
        var prompt = prompter.Tokenize(messages, addGenerationPrompt: true);
        var reference = engine.Tokenizer.Encode(example.Reference, addSpecialTokens: false);
        if (prompt.Count + Math.Max(reference.Count, maxTokens) > scorer.ContextLength)
        {
            throw new InvalidDataException(
                $"line {example.Line}: the prompt ({prompt.Count} tokens) with the answer ({Math.Max(reference.Count, maxTokens)}) does not fit the model's context of {scorer.ContextLength} tokens");
        }

        var answer = await engine.GenerateCompleteAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = maxTokens, Sampling = SamplingOptions.Greedy })
            .ConfigureAwait(false);
        var (nll, tokens) = scorer.Score(prompt, reference);
        double? contextRecall = passages is null ? null : KeyFactRecall.Of(string.Join("\n", passages.Select(p => p.Text)), example.KeyFacts);
        return new SettingResult(answer.Text, KeyFactRecall.Of(answer.Text, example.KeyFacts), nll, tokens, prompt.Count, passages?.Select(p => p.Id).ToList(), contextRecall);
    }
}

/// <summary>One example's results: grounded (null without a knowledge base) and ungrounded.</summary>
internal sealed record ExampleResult(EvalExample Example, SettingResult? Grounded, SettingResult Ungrounded);

/// <summary>
/// The answer, its key-fact recall, and the reference's negative log-likelihood under one prompt setting; when grounded,
/// also the key-fact recall of the retrieved passages themselves (the most the answer could get by quoting them).
/// </summary>
internal sealed record SettingResult(
    string Answer, double? Recall, double Nll, int ReferenceTokens, int PromptTokens, IReadOnlyList<string>? PassageIds, double? ContextRecall = null)
{
    public double Perplexity => Math.Exp(Nll / ReferenceTokens);
}
