using Gateway.Protocol.Http;

namespace Gateway.Worker.OpenAi;

internal static class OpenAiRoutes
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRoutes.ChatCompletions, ChatCompletionsEndpoint.Handle);
        app.MapPost(ApiRoutes.Completions, CompletionsEndpoint.Handle);
        app.MapGet(ApiRoutes.Models, ModelsEndpoint.Handle);
        return app;
    }
}
