namespace Gateway.Worker.OpenAi;

internal static class OpenAiRoutes
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", ChatCompletionsEndpoint.Handle);
        app.MapPost("/v1/completions", CompletionsEndpoint.Handle);
        app.MapGet("/v1/models", ModelsEndpoint.Handle);
        return app;
    }

    /// <summary>Unknown paths get a 404 in OpenAI's shape, not an empty body.</summary>
    public static Task NotFound(HttpContext context) =>
        OpenAiErrors.WriteAsync(context.Response, new OpenAiException(404, $"no route for {context.Request.Method} {context.Request.Path}", code: "not_found"));
}
