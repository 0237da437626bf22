using Gateway.Inference.Generation;
using Gateway.Protocol.Errors;
using Gateway.Text.Templates;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Worker.OpenAi;

/// <summary>The worker's failures, the engine's among them, as the OpenAI errors a client sees, with the right status.</summary>
internal static class OpenAiErrors
{
    public static OpenAiException FromException(Exception e) => e switch
    {
        OpenAiException openAi => openAi,
        ContextLengthExceededException context => OpenAiException.BadRequest(context.Message, "messages", "context_length_exceeded"),
        InvalidGenerationRequestException invalid => OpenAiException.BadRequest(invalid.Message, invalid.Parameter),
        ChatTemplateException template => OpenAiException.BadRequest(template.Message, "messages"),
        EngineOverloadedException busy => new OpenAiException(503, busy.Message + "; retry shortly", code: "overloaded") { RetryAfterSeconds = 1 },
        BadHttpRequestException { StatusCode: 413 } => new OpenAiException(413, "the request body is larger than this server accepts", code: "request_too_large"),
        BadHttpRequestException bad => new OpenAiException(bad.StatusCode, bad.Message),
        _ => new OpenAiException(500, "the worker failed to complete the request: " + e.Message, code: "internal_error"),
    };
}
