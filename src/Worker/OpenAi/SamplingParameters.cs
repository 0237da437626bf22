using Gateway.Inference.Generation;
using Gateway.Protocol.Errors;

namespace Gateway.Worker.OpenAi;

/// <summary>The generation fields chat and completions share: sampling, limits, stop, logprobs, n.</summary>
internal static class SamplingParameters
{
    public static GenerationRequest Read(RequestReader body, IReadOnlyList<int> prompt, int? topLogprobs)
    {
        if (body.Integer("n") is long n && n != 1)
        {
            throw OpenAiException.BadRequest("'n' other than 1 is not supported: send one request per completion", "n");
        }

        if (body.Integer("best_of") is long bestOf && bestOf != 1)
        {
            throw OpenAiException.BadRequest("'best_of' other than 1 is not supported", "best_of");
        }

        long? maxTokens = body.Integer("max_completion_tokens") ?? body.Integer("max_tokens");
        if (maxTokens is < 1)
        {
            throw OpenAiException.BadRequest("'max_tokens' must be at least 1", body.Has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens");
        }

        return new GenerationRequest
        {
            PromptTokens = prompt,
            MaxTokens = maxTokens is long m ? (int)Math.Min(m, int.MaxValue) : null,
            Stop = body.StringOrStrings("stop"),
            TopLogprobs = topLogprobs,
            IgnoreEos = body.Bool("ignore_eos", false),
            Sampling = new SamplingOptions
            {
                Temperature = (float)(body.Number("temperature") ?? 1.0),
                TopP = (float)(body.Number("top_p") ?? 1.0),
                TopK = (int)(body.Integer("top_k") ?? 0),
                Seed = body.Integer("seed"),
                PresencePenalty = (float)(body.Number("presence_penalty") ?? 0),
                FrequencyPenalty = (float)(body.Number("frequency_penalty") ?? 0),
                RepetitionPenalty = (float)(body.Number("repetition_penalty") ?? 1),
            },
        };
    }
}
