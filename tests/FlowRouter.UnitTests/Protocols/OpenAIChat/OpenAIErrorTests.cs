using System.Text;
using System.Text.Json;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

public sealed class OpenAIErrorTests
{
    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.ErrorCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void ReadThenWrite_FixtureError_GivesSameJson(string name)
    {
        var fixture = OpenAIChatFixtureData.Load(name);

        var info = OpenAIErrorReader.Read(fixture.ResponseBody);
        var error = new GatewayError(ErrorKind.InvalidRequest, fixture.Status, info.Message) { Type = info.Type, Code = info.Code, Param = info.Param };

        JsonAssert.Equal(fixture.ResponseBody, OpenAIErrorWriter.Write(error));
    }

    [Fact]
    public void Read_InvalidToolSchemaFixture_KeepsParamAndCode()
    {
        var info = OpenAIErrorReader.Read(OpenAIChatFixtureData.Load("error-400-invalid-tool-schema").ResponseBody);

        Assert.Equal("invalid_request_error", info.Type);
        Assert.Equal("invalid_function_parameters", info.Code);
        Assert.Equal("tools[0].function.parameters", info.Param);
        Assert.StartsWith("Invalid schema for function", info.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", "Overloaded", "overloaded_error", null)]
    [InlineData("""{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}}""", "API key not valid.", "INVALID_ARGUMENT", "400")]
    [InlineData("""[{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}]""", "not found", "NOT_FOUND", "404")]
    [InlineData("""{"error":"model is loading","type":"busy"}""", "model is loading", "busy", null)]
    [InlineData("""{"detail":"Not Found"}""", "Not Found", null, null)]
    [InlineData("<html>502 Bad Gateway</html>", "<html>502 Bad Gateway</html>", null, null)]
    [InlineData("", "The upstream returned an empty error body.", null, null)]
    public void Read_OtherShapes_ExtractsMessageTypeCode(string body, string message, string? type, string? code)
    {
        var info = OpenAIErrorReader.Read(Encoding.UTF8.GetBytes(body));

        Assert.Equal(message, info.Message);
        Assert.Equal(type, info.Type);
        Assert.Equal(code, info.Code);
    }

    [Theory]
    [InlineData(ErrorKind.InvalidRequest, "invalid_request_error", null)]
    [InlineData(ErrorKind.Authentication, "invalid_request_error", "invalid_api_key")]
    [InlineData(ErrorKind.NotFound, "invalid_request_error", "model_not_found")]
    [InlineData(ErrorKind.RateLimited, "requests", "rate_limit_exceeded")]
    [InlineData(ErrorKind.QuotaExceeded, "insufficient_quota", "insufficient_quota")]
    [InlineData(ErrorKind.Overloaded, "server_error", "server_overloaded")]
    [InlineData(ErrorKind.Internal, "server_error", null)]
    public void Write_KindWithoutUpstreamWords_UsesOpenAIWords(ErrorKind kind, string type, string? code)
    {
        byte[] body = OpenAIErrorWriter.Write(new GatewayError(kind, 400, "msg") { Param = "p" });

        using var document = JsonDocument.Parse(body);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal("msg", error.GetProperty("message").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal("p", error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }
}
