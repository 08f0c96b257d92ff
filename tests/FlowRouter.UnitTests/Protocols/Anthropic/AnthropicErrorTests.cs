using System.Text;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class AnthropicErrorTests
{
    [Theory]
    [MemberData(nameof(AnthropicFixtureData.ErrorCases), MemberType = typeof(AnthropicFixtureData))]
    public void ReadThenWrite_FixtureError_KeepsTypeAndMessage(string name)
    {
        var fixture = AnthropicFixtureData.Load(name);

        var error = AnthropicErrorReader.Read(fixture.ResponseBody, fixture.Status);
        string written = Encoding.UTF8.GetString(AnthropicErrorWriter.Write(error));

        using var original = System.Text.Json.JsonDocument.Parse(fixture.ResponseBody);
        var inner = original.RootElement.GetProperty("error");
        Assert.Equal(fixture.Status, error.Status);
        using var result = System.Text.Json.JsonDocument.Parse(written);
        Assert.Equal("error", result.RootElement.GetProperty("type").GetString());
        JsonAssert.Equal(inner.GetProperty("type"), result.RootElement.GetProperty("error").GetProperty("type"));
        JsonAssert.Equal(inner.GetProperty("message"), result.RootElement.GetProperty("error").GetProperty("message"));
    }

    [Theory]
    [InlineData("error-400-invalid-request", ErrorKind.InvalidRequest)]
    [InlineData("error-401-authentication", ErrorKind.Authentication)]
    [InlineData("error-429-rate-limit", ErrorKind.RateLimited)]
    public void Read_FixtureError_MapsKind(string name, ErrorKind kind)
    {
        var fixture = AnthropicFixtureData.Load(name);

        Assert.Equal(kind, AnthropicErrorReader.Read(fixture.ResponseBody, fixture.Status).Kind);
    }

    [Theory]
    [InlineData(ErrorKind.InvalidRequest, "invalid_request_error")]
    [InlineData(ErrorKind.Authentication, "authentication_error")]
    [InlineData(ErrorKind.PermissionDenied, "permission_error")]
    [InlineData(ErrorKind.NotFound, "not_found_error")]
    [InlineData(ErrorKind.RequestTooLarge, "request_too_large")]
    [InlineData(ErrorKind.RateLimited, "rate_limit_error")]
    [InlineData(ErrorKind.QuotaExceeded, "billing_error")]
    [InlineData(ErrorKind.Overloaded, "overloaded_error")]
    [InlineData(ErrorKind.UpstreamTimeout, "timeout_error")]
    [InlineData(ErrorKind.UpstreamError, "api_error")]
    [InlineData(ErrorKind.Internal, "api_error")]
    public void Write_Kind_UsesAnthropicType(ErrorKind kind, string type)
    {
        string written = Encoding.UTF8.GetString(AnthropicErrorWriter.Write(new GatewayError(kind, 500, "m")));

        Assert.Equal("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"m\"}}", written);
    }

    [Fact]
    public void Write_ForeignUpstreamType_IsReplacedByKindType()
    {
        var error = new GatewayError(ErrorKind.UpstreamError, 502, "boom") { Type = "server_error" };

        Assert.Equal("api_error", AnthropicErrorWriter.TypeOf(error));
    }

    [Theory]
    [InlineData("<html>bad gateway</html>", 502, ErrorKind.UpstreamError)]
    [InlineData("", 529, ErrorKind.Overloaded)]
    [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", 529, ErrorKind.Overloaded)]
    public void Read_OddBodies_FallsBackToStatus(string body, int status, ErrorKind kind)
    {
        var error = AnthropicErrorReader.Read(Encoding.UTF8.GetBytes(body), status);

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.Status);
        Assert.False(string.IsNullOrEmpty(error.Message));
    }
}
