using Gateway.Text.Chat;
using Gateway.Worker.Grounding;
using Gateway.Worker.Hosting;

namespace Gateway.Worker.OpenAi;

/// <summary>What the chat endpoints call before the chat template: the request's messages, grounded when the worker and request say so.</summary>
internal static class ChatGrounding
{
    public static GroundingResult Apply(LoadedWorkerModel model, IReadOnlyList<ChatTurn> messages, RequestReader body)
    {
        var choice = GroundingRequest.Read(body); // read (and checked) even when this worker has no knowledge base
        return model.Grounding is { } grounding ? grounding.Ground(messages, choice) : new GroundingResult(messages, null);
    }
}
