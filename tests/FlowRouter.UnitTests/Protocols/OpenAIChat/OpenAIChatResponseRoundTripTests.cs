using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

public sealed class OpenAIChatResponseRoundTripTests
{
    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.JsonSuccessCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void ReadThenWrite_FixtureResponse_GivesSameJson(string name)
    {
        var fixture = OpenAIChatFixtureData.Load(name);

        var response = OpenAIChatResponseReader.Read(fixture.ResponseBody);
        byte[] written = OpenAIChatResponseWriter.Write(response);

        JsonAssert.Equal(fixture.ResponseBody, written);
    }

    [Theory]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}""")]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"a","reasoning_content":"r"},"finish_reason":null}],"usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":9,"prompt_tokens_details":null,"cost":0.1}}""")]
    [InlineData("""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":null,"annotations":[]},"finish_reason":"weird_reason"}]}""")]
    public void ReadThenWrite_EdgeShapes_GivesSameJson(string json)
    {
        byte[] input = System.Text.Encoding.UTF8.GetBytes(json);
        JsonAssert.Equal(input, OpenAIChatResponseWriter.Write(OpenAIChatResponseReader.Read(input)));
    }
}
