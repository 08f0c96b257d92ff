using System.Text;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

public sealed class OpenAIChatRequestReaderErrorTests
{
    [Theory]
    [InlineData("not json", null)]
    [InlineData("[]", null)]
    [InlineData("""{"messages":[]}""", "model")]
    [InlineData("""{"model":"m"}""", "messages")]
    [InlineData("""{"model":1,"messages":[]}""", "model")]
    [InlineData("""{"model":"m","messages":{}}""", "messages")]
    [InlineData("""{"model":"m","messages":[1]}""", "messages[0]")]
    [InlineData("""{"model":"m","messages":[{"content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":5}]}""", "messages[2].content")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"video","video":{}}]}]}""", "messages[0].content[0].type")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]}""", "messages[0].content[0].image_url.url")]
    [InlineData("""{"model":"m","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id")]
    [InlineData("""{"model":"m","messages":[{"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":{}}}]}]}""", "messages[0].tool_calls[0].function.arguments")]
    [InlineData("""{"model":"m","messages":[],"temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"m","messages":[],"max_tokens":1.5}""", "max_tokens")]
    [InlineData("""{"model":"m","messages":[],"stream":"yes"}""", "stream")]
    [InlineData("""{"model":"m","messages":[],"stop":[1]}""", "stop[0]")]
    [InlineData("""{"model":"m","messages":[],"tools":[{"type":"function"}]}""", "tools[0].function")]
    public void Read_InvalidRequest_ThrowsFormatExceptionNamingPath(string json, string? param)
    {
        var ex = Assert.Throws<OpenAIChatFormatException>(() => OpenAIChatRequestReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(param, ex.Param);
        if (param is not null)
        {
            Assert.StartsWith(param + ": ", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_ContentNumber_MessageSaysExpectedStringOrArray()
    {
        var ex = Assert.Throws<OpenAIChatFormatException>(() =>
            OpenAIChatRequestReader.Read("""{"model":"m","messages":[{"role":"user","content":1}]}"""u8.ToArray()));

        Assert.Equal("messages[0].content: expected a string or an array", ex.Message);
    }

    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.AllCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void Read_EveryTruncatedPrefix_ThrowsOnlyFormatException(string name)
    {
        byte[] body = OpenAIChatFixtureData.Load(name).RequestBody;
        int step = Math.Max(1, body.Length / 400); // the long fixtures are sampled, not read 30 000 times
        for (int length = 0; length < body.AsSpan().TrimEnd(" \r\n\t"u8).Length; length += step)
        {
            Assert.Throws<OpenAIChatFormatException>(() => OpenAIChatRequestReader.Read(body.AsMemory(0, length)));
        }
    }
}
