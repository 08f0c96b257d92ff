using System.Text;
using FlowRouter.Core.Config;
using FlowRouter.Core.Errors;
using FlowRouter.Providers;
using FlowRouter.Providers.Http;

namespace FlowRouter.UnitTests.Providers;

/// <summary>The well-formedness check of a 2xx answer, and how an error object inside one is classified.</summary>
public sealed class JsonAnswerScanTests
{
    [Theory]
    [InlineData("""{"id":"x","choices":[]}""")]
    [InlineData(""" {"id":"resp_1","status":"completed","error":null} """)]
    [InlineData("""{"candidates":[{"content":{"parts":[{"text":"{\"error\":1}"}]}}]}""")]
    [InlineData("""{"data":{"error":{"nested":"not top-level"}}}""")]
    public void Scan_WellFormedAnswer_Answer(string json) =>
        Assert.Equal(AnswerShape.Answer, JsonAnswerScan.Scan(Encoding.UTF8.GetBytes(json), out _));

    [Theory]
    [InlineData("""{"error":{"message":"boom","type":"server_error"}}""")]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")]
    [InlineData("""{"error":{"code":429,"message":"Rate limit","status":"RESOURCE_EXHAUSTED"}}""")]
    [InlineData("""{"error":"plain text"}""")]
    public void Scan_ErrorMember_ErrorObject(string json) =>
        Assert.Equal(AnswerShape.ErrorObject, JsonAnswerScan.Scan(Encoding.UTF8.GetBytes(json), out _));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  \r\n", "empty")]
    [InlineData("<html><body>502</body></html>", "not well-formed")]
    [InlineData("[{\"a\":1}]", "not an object")]
    [InlineData("\"text\"", "not an object")]
    [InlineData("{\"a\":1} trailing", "not well-formed")]
    [InlineData("{\"a\":", "not well-formed")]
    public void Scan_NotAnAnswer_MalformedWithReason(string json, string reason)
    {
        Assert.Equal(AnswerShape.Malformed, JsonAnswerScan.Scan(Encoding.UTF8.GetBytes(json), out string? problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_TenThousandDeep_MalformedAsTooDeep()
    {
        var json = new StringBuilder();
        json.Insert(0, "{\"a\":", 10_000).Append('1').Append('}', 10_000);
        Assert.Equal(AnswerShape.Malformed, JsonAnswerScan.Scan(Encoding.UTF8.GetBytes(json.ToString()), out string? problem));
        Assert.Contains("deeper than 64", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_ProblemNeverQuotesTheAnswer()
    {
        JsonAnswerScan.Scan("secret prompt text that is not json"u8, out string? problem);
        Assert.DoesNotContain("secret", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":{"code":429,"message":"Rate limit exceeded: free-models-per-min"}}""", 429)]
    [InlineData("""{"error":{"code":503,"message":"down"}}""", 503)]
    [InlineData("""{"error":{"message":"slow down","status":"RESOURCE_EXHAUSTED"}}""", 429)]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", 529)]
    [InlineData("""{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""", 429)]
    [InlineData("""{"error":{"message":"boom","type":"server_error"}}""", 500)]
    [InlineData("""{"error":{"message":"who knows"}}""", 502)]
    public void EmbeddedStatus_ErrorObject_StatusItNames(string json, int status) =>
        Assert.Equal(status, UpstreamFailureClassifier.EmbeddedStatus(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void FromErrorAnswer_RateLimitIn200_ClassifiedAsRateLimitShownAs502()
    {
        using var provider = new ProviderRuntime(new ProviderConfig { Id = "p", Type = ProviderType.OpenAI, BaseUrl = "http://127.0.0.1:9/v1" }, TimeoutSettings.Default);
        var failure = UpstreamFailureClassifier.FromErrorAnswer(provider, 200, """{"error":{"code":429,"message":"Rate limit exceeded"}}"""u8, null);

        Assert.Equal(FailureAction.NextTarget, failure.Action);
        Assert.Equal(429, failure.UpstreamStatus);
        Assert.Equal(ErrorKind.RateLimited, failure.Error.Kind);
        Assert.Equal(502, failure.Error.Status);
        Assert.StartsWith("p: Rate limit exceeded", failure.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadAnswer_CountsAsA502FromTheUpstream()
    {
        using var provider = new ProviderRuntime(new ProviderConfig { Id = "p", Type = ProviderType.Gemini, BaseUrl = "http://127.0.0.1:9" }, TimeoutSettings.Default);
        var failure = UpstreamFailureClassifier.BadAnswer(provider, "the answer is empty");

        Assert.Equal((FailureAction.NextTarget, 502, 502), (failure.Action, failure.UpstreamStatus, failure.Error.Status));
        Assert.Equal(ErrorKind.UpstreamError, failure.Error.Kind);
    }
}
