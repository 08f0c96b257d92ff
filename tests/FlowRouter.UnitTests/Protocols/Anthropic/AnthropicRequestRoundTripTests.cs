using FlowRouter.Protocols.Anthropic;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

public sealed class AnthropicRequestRoundTripTests
{
    [Theory]
    [MemberData(nameof(AnthropicFixtureData.AllCases), MemberType = typeof(AnthropicFixtureData))]
    public void ReadThenWrite_FixtureRequest_GivesSameJson(string name)
    {
        var fixture = AnthropicFixtureData.Load(name);

        var request = AnthropicRequestReader.Read(fixture.RequestBody);
        byte[] written = AnthropicRequestWriter.Write(request);

        JsonAssert.Equal(fixture.RequestBody, written);
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"temperature":null,"stream":false,"top_k":3,"top_p":0.9,"stop_sequences":[]}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"metadata":{"user_id":"u1"},"service_tier":"auto","container":"c1"}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"metadata":{}}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"thinking":{"type":"disabled"}}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"thinking":{"type":"adaptive"},"output_config":{"effort":"high"}}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"thinking":{"type":"future_mode","x":1}}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"output_format":{"type":"json_schema","schema":{"type":"object"}}}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"output_config":{"format":{"type":"json_schema","schema":{"type":"object"},"x":1},"effort":"low"}}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"tools":[{"type":"custom","name":"f","input_schema":{"type":"object"},"strict":true,"input_examples":[{}]},{"type":"bash_20250124","name":"bash"}],"tool_choice":{"type":"tool","name":"f","disable_parallel_tool_use":true}}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"tools":[{"name":"f","input_schema":{"type":"object"}}],"tool_choice":{"type":"none"}}""")]
    [InlineData("""{"model":"m","max_tokens":5,"messages":[],"system":[{"type":"text","text":"a","citations":null},{"type":"text","text":"b","cache_control":{"type":"ephemeral","ttl":"1h"}}]}""")]
    public void ReadThenWrite_TopLevelShapes_GivesSameJson(string json) => AssertRoundTrip(json);

    [Theory]
    [InlineData("""{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://x/y.png"},"cache_control":{"type":"ephemeral"}},{"type":"image","source":{"type":"file","file_id":"f1"}}]}""")]
    [InlineData("""{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBE"},"title":"a.pdf","context":"c","citations":{"enabled":true}}]}""")]
    [InlineData("""{"role":"user","content":[{"type":"document","source":{"type":"text","media_type":"text/plain","data":"hello"}},{"type":"document","source":{"type":"url","url":"https://x/a.pdf"}}]}""")]
    [InlineData("""{"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"sig"},{"type":"redacted_thinking","data":"xyz"},{"type":"text","text":"a","citations":[{"type":"char_location","cited_text":"x","document_index":0,"start_char_index":0,"end_char_index":1}]},{"type":"tool_use","id":"toolu_1","name":"f","input":{"b":1.50,"a":[]},"cache_control":{"type":"ephemeral"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1"}]}""")]
    [InlineData("""{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"r"},{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"AAAA"}}],"is_error":false,"cache_control":{"type":"ephemeral"}}]}""")]
    [InlineData("""{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":{}},{"type":"tool_use","id":"toolu_2","name":"f","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":[]},{"type":"tool_result","tool_use_id":"toolu_2"}]}""")]
    [InlineData("""{"role":"assistant","content":[{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"q"}},{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[{"type":"web_search_result","url":"u","title":"t","encrypted_content":"e","page_age":null}]}]}""")]
    [InlineData("""{"role":"user","content":"plain","x-extra":1}""")]
    public void ReadThenWrite_MessageShapes_GivesSameJson(string message) =>
        AssertRoundTrip("""{"model":"m","max_tokens":5,"messages":[""" + message + "]}");

    [Fact]
    public void ReadThenWrite_ToolUseAnsweredInNextTurn_GivesSameJson() => AssertRoundTrip("""
        {"model":"m","max_tokens":5,"messages":[
          {"role":"user","content":"q"},
          {"role":"assistant","content":[{"type":"text","text":"calling"},{"type":"tool_use","id":"toolu_1","name":"f","input":{}},{"type":"tool_use","id":"toolu_2","name":"f","input":{}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a"},{"type":"tool_result","tool_use_id":"toolu_2","content":"b"},{"type":"text","text":"go on"}]}]}
        """);

    private static void AssertRoundTrip(string json)
    {
        byte[] input = System.Text.Encoding.UTF8.GetBytes(json);
        var request = AnthropicRequestReader.Read(input);
        JsonAssert.Equal(input, AnthropicRequestWriter.Write(request));
    }
}
