using System.Text;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIResponses;

public sealed class ResponsesRequestRoundTripTests
{
    [Theory]
    [MemberData(nameof(ResponsesFixtureData.AllCases), MemberType = typeof(ResponsesFixtureData))]
    public void ReadThenWrite_FixtureRequest_GivesSameJson(string name)
    {
        var fixture = ResponsesFixtureData.Load(name);

        var request = ResponsesRequestReader.Read(fixture.RequestBody);
        byte[] written = ResponsesRequestWriter.Write(request);

        JsonAssert.Equal(fixture.RequestBody, written);
    }

    [Theory]
    [InlineData("""{"model":"m","input":"hi","stream":false,"store":true,"truncation":"auto","max_output_tokens":10,"metadata":{"a":"b"},"user":"u","top_logprobs":2}""")]
    [InlineData("""{"model":"m","input":[],"reasoning":{},"text":{}}""")]
    [InlineData("""{"model":"m","input":[],"reasoning":{"effort":"high","summary":"auto","generate_summary":null},"text":{"format":{"type":"json_object"},"verbosity":"low"}}""")]
    [InlineData("""{"model":"m","input":[],"text":{"format":{"type":"json_schema","name":"x","schema":{"type":"object"},"strict":true,"description":"d"}}}""")]
    [InlineData("""{"model":"m","input":[],"text":{"format":{"type":"json_schema","name":"x","schema":{"type":"object"},"description":null}}}""")]
    [InlineData("""{"model":"m","input":[],"tools":[{"type":"custom","name":"grep","description":"d","format":{"type":"grammar","syntax":"lark","definition":"start: x"}},{"type":"web_search"},{"type":"function","name":"f","parameters":null,"strict":null,"x":1}],"tool_choice":{"type":"custom","name":"grep"}}""")]
    [InlineData("""{"model":"m","input":[],"tool_choice":{"type":"allowed_tools","mode":"auto","tools":[]}}""")]
    [InlineData("""{"model":"m","input":[],"tool_choice":{"type":"function","name":"f"},"parallel_tool_calls":false}""")]
    public void ReadThenWrite_TopLevelShapes_GivesSameJson(string json) => AssertRoundTrip(json);

    [Theory]
    [InlineData("""{"role":"user","content":"hi"}""")]
    [InlineData("""{"type":"message","role":"system","content":[{"type":"input_text","text":"be brief"}]}""")]
    [InlineData("""{"type":"message","role":"user","content":[{"type":"input_image","image_url":"https://x/y.png","detail":"low"},{"type":"input_image","file_id":"file-1"},{"type":"input_file","file_data":"data:application/pdf;base64,JVBE","filename":"a.pdf"},{"type":"input_file","file_id":"file-2"},{"type":"input_file","file_url":"https://x/a.pdf"}]}""")]
    [InlineData("""{"type":"message","role":"user","content":[]}""")]
    [InlineData("""{"type":"message","role":"assistant","id":"msg_1","status":"completed","content":[{"type":"output_text","text":"a","annotations":[],"logprobs":[]},{"type":"refusal","refusal":"no"}]}""")]
    [InlineData("""{"role":"assistant","content":"plain"}""")]
    [InlineData("""{"type":"function_call","id":"fc_1","call_id":"call_1","name":"f","arguments":"{\"a\":1}","status":"completed"}""")]
    [InlineData("""{"type":"custom_tool_call","call_id":"call_2","name":"grep","input":"raw text"}""")]
    [InlineData("""{"type":"custom_tool_call_output","call_id":"call_2","output":"found"}""")]
    [InlineData("""{"type":"function_call_output","call_id":"call_1","output":[{"type":"input_text","text":"a"},{"type":"input_image","image_url":"data:image/png;base64,AAAA"}]}""")]
    [InlineData("""{"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"one"},{"type":"summary_text","text":"two"}],"encrypted_content":"gAAA"}""")]
    [InlineData("""{"type":"reasoning","id":"rs_1","summary":[],"content":[{"type":"reasoning_text","text":"raw"}]}""")]
    [InlineData("""{"type":"item_reference","id":"msg_0"}""")]
    [InlineData("""{"type":"web_search_call","id":"ws_1","status":"completed","action":{"type":"search","query":"q"}}""")]
    public void ReadThenWrite_ItemShapes_GivesSameJson(string item) =>
        AssertRoundTrip("""{"model":"m","input":[""" + item + "]}");

    [Fact]
    public void ReadThenWrite_AssistantTurnOfManyItems_KeepsItemOrderAndBoundaries()
    {
        AssertRoundTrip("""
            {"model":"m","input":[
              {"role":"user","content":"q"},
              {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"s"}]},
              {"type":"message","role":"assistant","id":"msg_1","content":[{"type":"output_text","text":"a","annotations":[]}]},
              {"type":"message","role":"assistant","id":"msg_2","content":[{"type":"output_text","text":"b","annotations":[]}]},
              {"type":"function_call","id":"fc_1","call_id":"c1","name":"f","arguments":"{}"},
              {"type":"reasoning","id":"rs_2","summary":[]},
              {"type":"function_call","id":"fc_2","call_id":"c2","name":"f","arguments":"{}"},
              {"type":"function_call_output","call_id":"c1","output":"1"},
              {"type":"function_call_output","call_id":"c2","output":"2"},
              {"role":"assistant","content":"done"}]}
            """);
    }

    private static void AssertRoundTrip(string json)
    {
        byte[] input = Encoding.UTF8.GetBytes(json);
        var request = ResponsesRequestReader.Read(input);
        JsonAssert.Equal(input, ResponsesRequestWriter.Write(request));
    }
}
