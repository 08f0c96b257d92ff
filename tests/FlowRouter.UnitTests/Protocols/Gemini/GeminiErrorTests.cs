using System.Text;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.Gemini;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Gemini;

public sealed class GeminiErrorTests
{
    [Fact]
    public void Read_ApiKeyInvalidFixture_IsAuthenticationWithReason()
    {
        var fixture = GeminiFixtureData.Load("error-400-api-key-invalid");

        var error = GeminiErrorReader.Read(fixture.ResponseBody, fixture.Status);

        Assert.Equal(ErrorKind.Authentication, error.Kind);
        Assert.Equal(400, error.Status);
        Assert.Equal("INVALID_ARGUMENT", error.Type);
        Assert.Equal("API_KEY_INVALID", error.Code);
        Assert.Equal("API key not valid. Please pass a valid API key.", error.Message);
    }

    [Fact]
    public void Read_ModelNotFoundFixture_IsNotFound()
    {
        var fixture = GeminiFixtureData.Load("error-404-model-not-found");

        var error = GeminiErrorReader.Read(fixture.ResponseBody, fixture.Status);

        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("NOT_FOUND", error.Type);
        Assert.Null(error.Code);
        Assert.StartsWith("models/this-model-does-not-exist-12345 is not found", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", ErrorKind.RateLimited)]
    [InlineData("GenerateRequestsPerDayPerProjectPerModel-FreeTier", ErrorKind.QuotaExceeded)]
    public void Read_ResourceExhausted_RetryDelayAndQuotaKind(string quotaId, ErrorKind kind)
    {
        string body = $$$"""
            [{"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"m","quotaId":"{{{quotaId}}}"}]},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"36.5s"}]}}]
            """;

        var error = GeminiErrorReader.Read(Encoding.UTF8.GetBytes(body), 429);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(37, error.RetryAfterSeconds);
        Assert.Equal("RESOURCE_EXHAUSTED", error.Type);
    }

    [Theory]
    [InlineData("<html>Bad Gateway</html>", 502, ErrorKind.UpstreamError, "<html>Bad Gateway</html>")]
    [InlineData("", 503, ErrorKind.Overloaded, "The upstream returned an empty error body.")]
    [InlineData("""{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}""", 500, ErrorKind.UpstreamError, "Internal error encountered.")]
    [InlineData("""{"error":{"code":504,"message":"Deadline expired.","status":"DEADLINE_EXCEEDED"}}""", 504, ErrorKind.UpstreamTimeout, "Deadline expired.")]
    public void Read_OtherBodies_KindFromStatusWordOrHttpStatus(string body, int status, ErrorKind kind, string message)
    {
        var error = GeminiErrorReader.Read(Encoding.UTF8.GetBytes(body), status);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(ErrorKind.InvalidRequest, 400, "INVALID_ARGUMENT")]
    [InlineData(ErrorKind.Authentication, 401, "UNAUTHENTICATED")]
    [InlineData(ErrorKind.PermissionDenied, 403, "PERMISSION_DENIED")]
    [InlineData(ErrorKind.NotFound, 404, "NOT_FOUND")]
    [InlineData(ErrorKind.RequestTooLarge, 413, "INVALID_ARGUMENT")]
    [InlineData(ErrorKind.RateLimited, 429, "RESOURCE_EXHAUSTED")]
    [InlineData(ErrorKind.QuotaExceeded, 429, "RESOURCE_EXHAUSTED")]
    [InlineData(ErrorKind.Overloaded, 503, "UNAVAILABLE")]
    [InlineData(ErrorKind.UpstreamError, 502, "INTERNAL")]
    [InlineData(ErrorKind.UpstreamUnreachable, 502, "UNAVAILABLE")]
    [InlineData(ErrorKind.UpstreamTimeout, 504, "DEADLINE_EXCEEDED")]
    [InlineData(ErrorKind.NotSupported, 501, "UNIMPLEMENTED")]
    [InlineData(ErrorKind.Internal, 500, "INTERNAL")]
    public void Write_Kind_GivesGoogleStatusWordAndCode(ErrorKind kind, int status, string word)
    {
        byte[] written = GeminiErrorWriter.Write(new GatewayError(kind, status, "m") { Type = "rate_limit_error" });

        JsonAssert.Equal($$$"""{"error":{"code":{{{status}}},"message":"m","status":"{{{word}}}"}}""", Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void ReadThenWrite_ApiKeyFixture_KeepsStatusReasonAndMessage()
    {
        var fixture = GeminiFixtureData.Load("error-400-api-key-invalid");

        byte[] written = GeminiErrorWriter.Write(GeminiErrorReader.Read(fixture.ResponseBody, fixture.Status));

        JsonAssert.Equal("""{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}""", Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Write_RetryAfter_AddsRetryInfoThatReadsBack()
    {
        byte[] written = GeminiErrorWriter.Write(new GatewayError(ErrorKind.RateLimited, 429, "slow") { RetryAfterSeconds = 12 });

        var reread = GeminiErrorReader.Read(written, 429);

        Assert.Equal(12, reread.RetryAfterSeconds);
        Assert.Equal(ErrorKind.RateLimited, reread.Kind);
        using var document = JsonDocument.Parse(written);
        Assert.Equal("12s", document.RootElement.GetProperty("error").GetProperty("details")[0].GetProperty("retryDelay").GetString());
    }
}
