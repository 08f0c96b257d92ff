using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

public sealed class OpenAIChatRequestRoundTripTests
{
    [Theory]
    [MemberData(nameof(OpenAIChatFixtureData.AllCases), MemberType = typeof(OpenAIChatFixtureData))]
    public void ReadThenWrite_FixtureRequest_GivesSameJson(string name)
    {
        var fixture = OpenAIChatFixtureData.Load(name);

        var request = OpenAIChatRequestReader.Read(fixture.RequestBody);
        byte[] written = OpenAIChatRequestWriter.Write(request);

        JsonAssert.Equal(fixture.RequestBody, written);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"temperature":null,"stream":false,"stop":null,"tool_choice":null}""")]
    [InlineData("""{"model":"m","messages":[],"stream":true,"stream_options":{"include_usage":false,"include_obfuscation":false}}""")]
    [InlineData("""{"model":"m","messages":[],"stop":["a","b"],"max_completion_tokens":10,"seed":42,"top_p":0.5,"parallel_tool_calls":false}""")]
    [InlineData("""{"model":"m","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"},"extra":1}}}""")]
    [InlineData("""{"model":"m","messages":[],"tool_choice":{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}}}""")]
    [InlineData("""{"model":"m","messages":[],"tools":[{"type":"custom","custom":{"name":"grep","description":"d","format":{"type":"text"}}}],"tool_choice":{"type":"custom","custom":{"name":"grep"}}}""")]
    [InlineData("""{"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"f","parameters":null,"x-extra":true},"tool-extra":1}],"tool_choice":{"type":"function","function":{"name":"f"}}}""")]
    [InlineData("""{"model":"m","messages":[],"functions":[{"name":"f","parameters":{"type":"object"}}],"function_call":{"name":"f"}}""")]
    [InlineData("""{"model":"m","messages":[],"metadata":{"a":"b"},"user":"u1","reasoning_effort":"high","web_search_options":{},"top_k":5}""")]
    public void ReadThenWrite_TopLevelShapes_GivesSameJson(string json) => AssertRoundTrip(json);

    [Theory]
    [InlineData("""{"role":"user","content":[{"type":"text","text":"hi","cache_control":{"type":"ephemeral"}},{"type":"image_url","image_url":{"url":"https://x/y.png","detail":"low"}}]}""")]
    [InlineData("""{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAAA","format":"mp3"}},{"type":"file","file":{"file_data":"data:application/pdf;base64,JVBE","filename":"a.pdf"}},{"type":"file","file":{"file_id":"file-1"}}]}""")]
    [InlineData("""{"role":"assistant","content":null,"refusal":"no","tool_calls":[{"id":"c1","type":"custom","custom":{"name":"grep","input":"abc"}}]}""")]
    [InlineData("""{"role":"assistant","content":[{"type":"text","text":"a"},{"type":"refusal","refusal":"b"}],"refusal":"c","name":"bot","audio":{"id":"x"}}""")]
    [InlineData("""{"role":"assistant","content":"thinking done","reasoning_content":"hmm","function_call":{"name":"f","arguments":"{}"}}""")]
    [InlineData("""{"role":"function","name":"f","content":"42"}""")]
    [InlineData("""{"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}""")]
    [InlineData("""{"role":"developer","content":"be brief","name":"ops"}""")]
    [InlineData("""{"role":"user","content":[]}""")]
    public void ReadThenWrite_MessageShapes_GivesSameJson(string message) =>
        AssertRoundTrip("""{"model":"m","messages":[""" + message + "]}");

    private static void AssertRoundTrip(string json)
    {
        byte[] input = System.Text.Encoding.UTF8.GetBytes(json);
        var request = OpenAIChatRequestReader.Read(input);
        JsonAssert.Equal(input, OpenAIChatRequestWriter.Write(request));
    }
}
