using System.Text;
using System.Text.Json;
using Gateway.Protocol.Errors;
using Gateway.Text.Chat;

namespace Gateway.Proxy;

/// <summary>
/// A generation request's body, read once and bounded. The gateway reads only what routing needs (the
/// model field and the conversation) and forwards the bytes unchanged but for the model field.
/// </summary>
public sealed class GenerationRequestBody
{
    private readonly byte[] _bytes;
    private readonly int _modelStart;
    private readonly int _modelEnd;

    private GenerationRequestBody(byte[] bytes, string? model, int modelStart, int modelEnd, IReadOnlyList<ChatTurn> conversation)
    {
        _bytes = bytes;
        Model = model;
        _modelStart = modelStart;
        _modelEnd = modelEnd;
        Conversation = conversation;
    }

    public string? Model { get; }
    public IReadOnlyList<ChatTurn> Conversation { get; }

    /// <summary>The OpenAI "user" field, when the client sends one: what keeps a user on one side of a canary.</summary>
    public string? User { get; private init; }

    /// <summary>A key that stays the same for one user or one conversation: the user, else the first user message.</summary>
    public string StickyKey => User ?? Conversation.FirstOrDefault(t => t.Is(ChatRoles.User))?.Content ?? "";
    public int Length => _bytes.Length;

    public static async Task<GenerationRequestBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (request.ContentLength is long length)
        {
            // The usual case: one exact allocation, filled straight from the connection.
            byte[] exact = new byte[length];
            try
            {
                await request.Body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                throw new OpenAiException(400, "the request body is shorter than its Content-Length", code: "invalid_body");
            }

            return Parse(exact);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return Parse(buffer.ToArray());
    }

    public static GenerationRequestBody Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OpenAiException(400, "the request body must be a JSON object", code: "invalid_json");
            }

            var (model, start, end) = FindModel(bytes);
            string? user = document.RootElement.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            return new GenerationRequestBody(bytes, model, start, end, ReadConversation(document.RootElement)) { User = user };
        }
        catch (JsonException e)
        {
            throw new OpenAiException(400, $"the request body is not valid JSON: {e.Message}", code: "invalid_json");
        }
    }

    /// <summary>The body with the model field set to <paramref name="model"/>; every other byte as the client sent it.</summary>
    public byte[] WithModel(string model)
    {
        byte[] value = JsonSerializer.SerializeToUtf8Bytes(model);
        if (_modelStart < 0)
        {
            // No model field: insert one right after the opening brace.
            int brace = Array.IndexOf(_bytes, (byte)'{');
            bool empty = _bytes.AsSpan(brace + 1).Trim(" \t\r\n"u8).StartsWith("}"u8);
            byte[] field = [.. "\"model\":"u8, .. value, .. (empty ? ""u8 : ","u8)];
            return [.. _bytes.AsSpan(0, brace + 1), .. field, .. _bytes.AsSpan(brace + 1)];
        }

        return [.. _bytes.AsSpan(0, _modelStart), .. value, .. _bytes.AsSpan(_modelEnd)];
    }

    private static (string? Model, int Start, int End) FindModel(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isModel = reader.ValueTextEquals("model"u8);
            reader.Read();
            int start = (int)reader.TokenStartIndex;
            if (isModel)
            {
                string? model = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Null => null,
                    _ => throw new OpenAiException(400, "'model' must be a string", code: "invalid_type", param: "model"),
                };
                return (model, start, (int)reader.BytesConsumed);
            }

            reader.Skip();
        }

        return (null, -1, -1);
    }

    /// <summary>
    /// The conversation routing reads: the messages by the one conversation reader (so a malformed one is refused here
    /// with the worker's own words), or a completion's prompt as one user turn.
    /// </summary>
    private static IReadOnlyList<ChatTurn> ReadConversation(JsonElement root)
    {
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind != JsonValueKind.Null)
        {
            try
            {
                return ChatTurnReader.Read(messages);
            }
            catch (ChatFormatException e)
            {
                throw new OpenAiException(400, e.Message, param: e.Param);
            }
        }

        return root.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String ? [ChatTurn.User(prompt.GetString()!)] : [];
    }

    private static OpenAiException TooLarge(long limit) =>
        new(413, $"the request body is larger than the gateway accepts ({limit} bytes)", code: "request_too_large");

    public override string ToString() => Encoding.UTF8.GetString(_bytes);
}
