using System.Runtime.CompilerServices;
using Gateway.Inference.Generation;
using Gateway.Text.Chat;
using Microsoft.Extensions.AI;

namespace Gateway.Inference.Chat;

/// <summary>
/// The engine as a Microsoft.Extensions.AI <see cref="IChatClient"/>, so in-process callers (tests,
/// tools, the trainer's evaluation) use the same abstraction as any other chat service.
/// </summary>
public sealed class EngineChatClient(InferenceEngine engine, ChatPrompter prompter, string modelId) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ToRequest(messages, options);
        string responseId = Guid.NewGuid().ToString("N");
        await foreach (var update in engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var contents = new List<AIContent>();
            if (update.Text.Length > 0)
            {
                contents.Add(new TextContent(update.Text));
            }

            if (update.Usage is { } usage)
            {
                contents.Add(new UsageContent(new UsageDetails
                {
                    InputTokenCount = usage.PromptTokens, OutputTokenCount = usage.CompletionTokens, TotalTokenCount = usage.TotalTokens,
                }));
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = responseId,
                ModelId = modelId,
                FinishReason = update.FinishReason switch
                {
                    FinishReason.Stop => ChatFinishReason.Stop,
                    FinishReason.Length => ChatFinishReason.Length,
                    _ => null,
                },
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : serviceKey is null && serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("gateway-engine", null, modelId)
        : null;

    public void Dispose()
    {
        // The engine belongs to whoever created it; this client is only a view of it.
    }

    private GenerationRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var turns = messages.Select(m => new ChatTurn(m.Role.Value, m.Text)).ToList();
        return new GenerationRequest
        {
            PromptTokens = prompter.Tokenize(turns, addGenerationPrompt: true),
            MaxTokens = options?.MaxOutputTokens,
            Stop = options?.StopSequences?.ToList() ?? [],
            Sampling = new SamplingOptions
            {
                Temperature = options?.Temperature ?? 1f,
                TopP = options?.TopP ?? 1f,
                TopK = options?.TopK ?? 0,
                Seed = options?.Seed,
                PresencePenalty = options?.PresencePenalty ?? 0,
                FrequencyPenalty = options?.FrequencyPenalty ?? 0,
            },
        };
    }
}
