using System.Text.Json;
using Gateway.Inference.Generation;
using Gateway.Text.Templates;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Worker.OpenAi;

/// <summary>Every error a client sees, in OpenAI's shape {"error":{"message","type","param","code"}}, with the right status.</summary>
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

    public static void WriteBody(Utf8JsonWriter json, OpenAiException error)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", error.Message);
        json.WriteString("type", error.Type);
        json.WriteString("param", error.Param);
        json.WriteString("code", error.Code);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static async Task WriteAsync(HttpResponse response, OpenAiException error)
    {
        response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is int seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await WorkerRequest.WriteJsonAsync(response, json => WriteBody(json, error), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The exception handler: any failure before the response started becomes an OpenAI error.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is null || context.Response.HasStarted)
        {
            return;
        }

        await WriteAsync(context.Response, FromException(exception)).ConfigureAwait(false);
    }
}
