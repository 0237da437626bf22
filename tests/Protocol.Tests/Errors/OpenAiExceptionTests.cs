using System.Text;
using Gateway.Protocol.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Protocol.Tests.Errors;

public class OpenAiExceptionTests
{
    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(401, "authentication_error")]
    [InlineData(403, "permission_error")]
    [InlineData(404, "invalid_request_error")]
    [InlineData(413, "invalid_request_error")]
    [InlineData(422, "invalid_request_error")]
    [InlineData(429, "rate_limit_error")]
    [InlineData(500, "server_error")]
    [InlineData(502, "server_error")]
    [InlineData(503, "server_error")]
    public void Type_ByDefault_IsOpenAisTypeForTheStatus(int status, string type) =>
        Assert.Equal(type, new OpenAiException(status, "x").Type);

    [Fact]
    public async Task WriteAsync_AnswersStatusRetryAfterAndTheEnvelopeInOpenAisFieldOrder()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await new OpenAiException(429, "Rate limit reached for 'bot': retry after 7 s", code: "rate_limit_exceeded") { RetryAfterSeconds = 7 }
            .WriteAsync(context.Response);

        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal("7", context.Response.Headers.RetryAfter.ToString());
        // Quotes and non-ASCII stay as they are, as OpenAI writes them.
        Assert.Equal("""{"error":{"message":"Rate limit reached for 'bot': retry after 7 s","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}""",
            Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public async Task ToResult_AnswersLikeAnAspNetCoreJsonResult()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await new OpenAiException(409, "it has no earlier version to roll back to", code: "lifecycle").ToResult().ExecuteAsync(context);

        Assert.Equal(409, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal("""{"error":{"message":"it has no earlier version to roll back to","type":"invalid_request_error","param":null,"code":"lifecycle"}}""",
            Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public void ToSseEvent_IsOneDataEventHoldingTheSameBody()
    {
        var error = new OpenAiException(502, "the it worker failed mid-stream (Response)", param: "stream", code: "upstream_error");

        Assert.Equal("""data: {"error":{"message":"the it worker failed mid-stream (Response)","type":"server_error","param":"stream","code":"upstream_error"}}""" + "\n\n",
            Encoding.UTF8.GetString(error.ToSseEvent().Span));
    }

    [Fact]
    public void ErrorResponseParse_ReadsWhatWasWritten_AndNullForOtherJson()
    {
        var error = new OpenAiException(404, "no version", param: "version", code: "not_found");
        string body = Encoding.UTF8.GetString(error.ToSseEvent().Span)["data: ".Length..].Trim();

        Assert.Equal(new ErrorDetail("no version", "invalid_request_error", "version", "not_found"), ErrorResponse.Parse(body));
        Assert.Null(ErrorResponse.Parse("""{"department":"hr","reason":"refused"}"""));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ErrorResponse.Parse("<html>"));
    }
}
