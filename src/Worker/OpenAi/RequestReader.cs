using System.Text.Json;
using Gateway.Protocol.Errors;

namespace Gateway.Worker.OpenAi;

/// <summary>Typed reads of an OpenAI request body; a wrong field becomes a 400 that names it.</summary>
internal readonly struct RequestReader(JsonElement root)
{
    public JsonElement Root => root;

    public static async Task<JsonDocument> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw OpenAiException.BadRequest("the request body must be a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw OpenAiException.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new OpenAiException(413, "the request body is larger than this server accepts", code: "request_too_large");
        }
    }

    public bool Has(string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonElement? Get(string name) => root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? String(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw Wrong(name, "a string"),
    };

    public bool Bool(string name, bool fallback) => Get(name) switch
    {
        null => fallback,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Wrong(name, "a boolean"),
    };

    public double? Number(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        _ => throw Wrong(name, "a number"),
    };

    public long? Integer(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out long i) => i,
        _ => throw Wrong(name, "an integer"),
    };

    /// <summary>"stop": a string or an array of strings.</summary>
    public IReadOnlyList<string> StringOrStrings(string name) => Get(name) switch
    {
        null => [],
        { ValueKind: JsonValueKind.String } v => [v.GetString()!],
        { ValueKind: JsonValueKind.Array } v when v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            v.EnumerateArray().Select(e => e.GetString()!).ToList(),
        _ => throw Wrong(name, "a string or an array of strings"),
    };

    public static OpenAiException Wrong(string name, string expected) => OpenAiException.BadRequest($"'{name}' must be {expected}", name);
}
