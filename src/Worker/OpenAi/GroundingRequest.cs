using System.Text.Json;
using Gateway.Grounding;
using Gateway.Protocol.Errors;
using Gateway.Worker.Grounding;
using Gateway.Worker.OpenAi;

namespace Gateway.Worker.OpenAi;

/// <summary>
/// The request's "grounding" extension field: <c>false</c>/<c>true</c> turns grounding off or on,
/// <c>{"top_k": 5}</c> (optionally with <c>"enabled"</c>) changes how many passages are used.
/// Absent or null keeps the worker's settings. OpenAI clients send it as an extra body field.
/// </summary>
internal static class GroundingRequest
{
    public const string Field = "grounding";

    public static GroundingChoice Read(RequestReader body)
    {
        switch (body.Get(Field))
        {
            case null:
                return GroundingChoice.Default;
            case { ValueKind: JsonValueKind.True }:
                return new GroundingChoice(true, null);
            case { ValueKind: JsonValueKind.False }:
                return new GroundingChoice(false, null);
            case { ValueKind: JsonValueKind.Object } settings:
                var inner = new RequestReader(settings);
                bool? enabled = inner.Has("enabled") ? Nested(() => inner.Bool("enabled", true)) : null;
                long? topK = Nested(() => inner.Integer("top_k"));
                if (topK is not null and (< 1 or > GroundingSettings.MaxTopK))
                {
                    throw OpenAiException.BadRequest($"'{Field}.top_k' must be 1..{GroundingSettings.MaxTopK}", $"{Field}.top_k");
                }

                return new GroundingChoice(enabled ?? true, (int?)topK);
            default:
                throw OpenAiException.BadRequest($"'{Field}' must be a boolean or an object such as {{\"top_k\": 3}}", Field);
        }
    }

    /// <summary>A nested field's error names its full path ("grounding.top_k").</summary>
    private static T Nested<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (OpenAiException e) when (e.Param is { } param)
        {
            throw OpenAiException.BadRequest(e.Message.Replace($"'{param}'", $"'{Field}.{param}'", StringComparison.Ordinal), $"{Field}.{param}");
        }
    }
}
