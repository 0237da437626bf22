using Gateway.Protocol.Errors;
using Gateway.Text.Chat;

namespace Gateway.Worker.OpenAi;

/// <summary>A chat request's messages, read by the one conversation reader; its problems become OpenAI 400s naming the field.</summary>
internal static class ChatMessages
{
    public static IReadOnlyList<ChatTurn> Read(RequestReader body)
    {
        if (body.Get("messages") is not { } messages)
        {
            throw OpenAiException.BadRequest("'messages' is required", "messages");
        }

        try
        {
            return ChatTurnReader.Read(messages);
        }
        catch (ChatFormatException e)
        {
            throw OpenAiException.BadRequest(e.Message, e.Param);
        }
    }
}
