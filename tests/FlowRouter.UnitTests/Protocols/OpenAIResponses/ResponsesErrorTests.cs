using System.Text;
using FlowRouter.Core.Errors;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIResponses;

public sealed class ResponsesErrorTests
{
    [Theory]
    [MemberData(nameof(ResponsesFixtureData.ErrorCases), MemberType = typeof(ResponsesFixtureData))]
    public void ErrorBody_ReadThenWrittenInOpenAIShape_GivesSameJson(string name)
    {
        var fixture = ResponsesFixtureData.Load(name);

        var info = OpenAIErrorReader.Read(fixture.ResponseBody);
        var error = new GatewayError(ErrorKind.InvalidRequest, fixture.Status, info.Message) { Type = info.Type, Code = info.Code, Param = info.Param };

        JsonAssert.Equal(fixture.ResponseBody, OpenAIErrorWriter.Write(error));
    }

    [Theory]
    [InlineData("not json", null)]
    [InlineData("[1]", null)]
    [InlineData("""{"input":"hi"}""", "model")]
    [InlineData("""{"model":"m","input":5}""", "input")]
    [InlineData("""{"model":"m","input":[{"content":"no role or type"}]}""", "input[0].type")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","name":"f","arguments":"{}"}]}""", "input[0].call_id")]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","call_id":"c"}]}""", "input[0].output")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"type":"input_image","detail":"low"}]}]}""", "input[0].content[0]")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":[{"text":"no type"}]}]}""", "input[0].content[0].type")]
    [InlineData("""{"model":"m","input":[],"tools":[{"name":"f"}]}""", "tools[0].type")]
    [InlineData("""{"model":"m","input":[],"tools":[{"type":"function"}]}""", "tools[0].name")]
    [InlineData("""{"model":"m","input":[],"temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"m","input":[],"reasoning":"high"}""", "reasoning")]
    [InlineData("""{"model":"m","input":[],"include":["a",1]}""", "include[1]")]
    [InlineData("""{"model":"m","input":[],"store":"yes"}""", "store")]
    public void Read_BadInput_ThrowsFormatExceptionNamingTheField(string json, string? param)
    {
        var ex = Assert.Throws<ResponsesFormatException>(() => ResponsesRequestReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(param, ex.Param);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Read_UnknownContentPartAndItem_AreKeptNotRejected()
    {
        var request = ResponsesRequestReader.Read("""{"model":"m","input":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AA","format":"wav"}}]},{"type":"item_reference","id":"msg_1"}]}"""u8.ToArray());

        Assert.Equal(2, request.Messages.Count);
        Assert.Equal("input_audio", Assert.IsType<FlowRouter.Core.Canonical.RawPart>(request.Messages[0].Parts[0]).Type);
    }
}
