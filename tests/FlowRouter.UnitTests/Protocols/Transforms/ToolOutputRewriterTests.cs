using System.Text;
using System.Text.Json;
using FlowRouter.Protocols.Transforms;

namespace FlowRouter.UnitTests.Protocols.Transforms;

/// <summary>Only tool output is rewritten, in each wire format's own place; everything else keeps its bytes.</summary>
public sealed class ToolOutputRewriterTests
{
    private static string? Shout(string text) => text.StartsWith("TOOL", StringComparison.Ordinal) ? "short:" + text.Length : null;

    private static (string? Body, int Count) Run(string json, ToolOutputFormat format)
    {
        var result = ToolOutputRewriter.Rewrite(Encoding.UTF8.GetBytes(json), format, Shout);
        return (result.Body is null ? null : Encoding.UTF8.GetString(result.Body), result.Rewritten);
    }

    [Fact]
    public void OpenAIChat_ToolMessagesOnly_StringAndTextParts()
    {
        var (body, count) = Run("""
            {"model":"m","messages":[
              {"role":"system","content":"TOOL-looking system prompt"},
              {"role":"user","content":"TOOL-looking user text"},
              {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"c1","content":"TOOL output one"},
              {"content":[{"type":"text","text":"TOOL output two"},{"type":"image_url","image_url":{"url":"TOOL"}}],"tool_call_id":"c2","role":"tool"}]}
            """, ToolOutputFormat.OpenAIChat);
        Assert.Equal(2, count);
        var messages = JsonDocument.Parse(body!).RootElement.GetProperty("messages");
        Assert.Equal("TOOL-looking system prompt", messages[0].GetProperty("content").GetString());
        Assert.Equal("TOOL-looking user text", messages[1].GetProperty("content").GetString());
        Assert.Equal("short:15", messages[3].GetProperty("content").GetString());
        Assert.Equal("short:15", messages[4].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("TOOL", messages[4].GetProperty("content")[1].GetProperty("image_url").GetProperty("url").GetString());
    }

    [Fact]
    public void Anthropic_ToolResultBlocksOnly()
    {
        var (body, count) = Run("""
            {"system":"TOOL system","messages":[
              {"role":"user","content":[{"type":"text","text":"TOOL user"},{"type":"tool_result","tool_use_id":"t1","content":"TOOL a"},
                {"type":"tool_result","tool_use_id":"t2","content":[{"type":"text","text":"TOOL b"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"TOOL"}}]}]}]}
            """, ToolOutputFormat.Anthropic);
        Assert.Equal(2, count);
        var blocks = JsonDocument.Parse(body!).RootElement.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("TOOL user", blocks[0].GetProperty("text").GetString());
        Assert.Equal("short:6", blocks[1].GetProperty("content").GetString());
        Assert.Equal("short:6", blocks[2].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Contains("\"system\":\"TOOL system\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Responses_FunctionAndCustomToolOutputsOnly()
    {
        var (body, count) = Run("""
            {"instructions":"TOOL instr","input":[{"role":"user","content":"TOOL user"},
              {"type":"function_call","call_id":"c","name":"f","arguments":"TOOL args"},
              {"type":"function_call_output","call_id":"c","output":"TOOL out"},
              {"type":"custom_tool_call_output","call_id":"d","output":[{"type":"input_text","text":"TOOL patch result"}]}]}
            """, ToolOutputFormat.Responses);
        Assert.Equal(2, count);
        var input = JsonDocument.Parse(body!).RootElement.GetProperty("input");
        Assert.Equal("TOOL args", input[1].GetProperty("arguments").GetString());
        Assert.Equal("short:8", input[2].GetProperty("output").GetString());
        Assert.Equal("short:17", input[3].GetProperty("output")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Gemini_EveryStringInsideAFunctionResponse()
    {
        var (body, count) = Run("""
            {"systemInstruction":{"parts":[{"text":"TOOL sys"}]},"contents":[{"role":"user","parts":[{"text":"TOOL user"}]},
              {"role":"user","parts":[{"functionResponse":{"name":"TOOLNAME","response":{"output":"TOOL x","nested":{"lines":["TOOL y",3,"keep"]}}}}]}]}
            """, ToolOutputFormat.Gemini);
        Assert.Equal(2, count);
        var root = JsonDocument.Parse(body!).RootElement;
        var call = root.GetProperty("contents")[1].GetProperty("parts")[0].GetProperty("functionResponse");
        Assert.Equal("TOOLNAME", call.GetProperty("name").GetString());
        Assert.Equal("short:6", call.GetProperty("response").GetProperty("output").GetString());
        Assert.Equal("short:6", call.GetProperty("response").GetProperty("nested").GetProperty("lines")[0].GetString());
        Assert.Equal(3, call.GetProperty("response").GetProperty("nested").GetProperty("lines")[1].GetInt32());
        Assert.Equal("TOOL user", root.GetProperty("contents")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void NothingToChange_OrNotJson_LeavesTheBodyAlone()
    {
        Assert.Null(Run("""{"messages":[{"role":"user","content":"TOOL"}]}""", ToolOutputFormat.OpenAIChat).Body);
        Assert.Null(Run("""{"messages":[{"role":"tool","content":"not matched"}]}""", ToolOutputFormat.OpenAIChat).Body);
        Assert.Null(Run("""{"messages":[{"role":"tool","content":"TOOL""", ToolOutputFormat.OpenAIChat).Body);
        Assert.Null(Run("""[{"role":"tool","content":"TOOL"}]""", ToolOutputFormat.OpenAIChat).Body);
        Assert.False(ToolOutputRewriter.MayContain("""{"messages":[]}"""u8, ToolOutputFormat.Anthropic));
    }

    [Fact]
    public void Rewrite_IsDeterministic_AndKeepsNonAsciiReadable()
    {
        string json = """{"stream":true,"temperature":0.70,"messages":[{"role":"tool","content":"TOOL é ü 😀"},{"role":"user","content":"naïve <b>"}]}""";
        var first = Run(json, ToolOutputFormat.OpenAIChat).Body;
        var second = Run(json, ToolOutputFormat.OpenAIChat).Body;
        Assert.Equal(first, second);
        Assert.Contains("naïve <b>", first, StringComparison.Ordinal);
        Assert.Contains("\"temperature\":0.70", first, StringComparison.Ordinal);
    }

    /// <summary>Each output's text and the command of the call it answers, as the rewrite saw them.</summary>
    private static List<(string Text, string? Command)> Commands(string json, ToolOutputFormat format)
    {
        var seen = new List<(string, string?)>();
        ToolOutputRewriter.Rewrite(Encoding.UTF8.GetBytes(json), format, (text, command) =>
        {
            seen.Add((text, command));
            return null;
        });
        return seen;
    }

    [Fact]
    public void OpenAIChat_EachOutputGetsTheCommandOfItsCall()
    {
        var seen = Commands("""
            {"messages":[{"role":"assistant","tool_calls":[
                {"id":"a","type":"function","function":{"name":"Bash","arguments":"{\"command\":\"find . -name x\"}"}},
                {"id":"b","type":"function","function":{"name":"shell","arguments":"{\"cmd\":[\"bash\",\"-lc\",\"grep -rl y src\"]}"}},
                {"id":"c","type":"function","function":{"name":"read","arguments":"{\"path\":\"a.txt\"}"}},
                {"id":"d","type":"function","function":{"name":"Bash","arguments":"{\"command\": broken"}}]},
              {"role":"tool","tool_call_id":"b","content":"out b"},{"role":"tool","tool_call_id":"a","content":"out a"},
              {"role":"tool","tool_call_id":"c","content":"out c"},{"role":"tool","tool_call_id":"d","content":"out d"},
              {"role":"tool","content":"out orphan"}]}
            """, ToolOutputFormat.OpenAIChat);
        Assert.Equal([("out b", "grep -rl y src"), ("out a", "find . -name x"), ("out c", null), ("out d", null), ("out orphan", null)], seen);
    }

    [Fact]
    public void Anthropic_Responses_Gemini_EachOutputGetsTheCommandOfItsCall()
    {
        Assert.Equal([("res", "ls -la")], Commands("""
            {"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"ls -la"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"res"}]}]}
            """, ToolOutputFormat.Anthropic));
        Assert.Equal([("one", "git status"), ("two", "find src")], Commands("""
            {"input":[{"type":"function_call","call_id":"c1","name":"shell","arguments":"{\"command\":[\"git\",\"status\"]}"},
              {"type":"local_shell_call","call_id":"c2","action":{"type":"exec","command":["sh","-c","find src"]}},
              {"type":"function_call_output","call_id":"c1","output":"one"},
              {"type":"function_call_output","call_id":"c2","output":"two"}]}
            """, ToolOutputFormat.Responses));
        Assert.Equal([("by id", "find a"), ("by name", "find b")], Commands("""
            {"contents":[{"role":"model","parts":[{"functionCall":{"id":"g1","name":"run","args":{"command":"find a"}}},
                {"functionCall":{"name":"shell","args":{"command":"find b"}}}]},
              {"role":"user","parts":[{"functionResponse":{"id":"g1","name":"run","response":{"output":"by id"}}},
                {"functionResponse":{"name":"shell","response":{"output":"by name"}}}]}]}
            """, ToolOutputFormat.Gemini));
    }
}
