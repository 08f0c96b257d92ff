using System.Text;
using System.Text.Json;
using FlowRouter.Protocols.Transforms;

namespace FlowRouter.UnitTests.Protocols.Transforms;

/// <summary>An instruction goes into each wire format's system prompt once, and never a second time.</summary>
public sealed class SystemPromptAppenderTests
{
    private const string Instruction = "[mark] Be terse.";

    private static JsonElement? Append(string json, ToolOutputFormat format)
    {
        byte[]? body = SystemPromptAppender.Append(Encoding.UTF8.GetBytes(json), format, Instruction, "[mark]");
        return body is null ? null : JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public void OpenAIChat_AppendsToTheLeadingSystemMessage_OrInsertsOne_AndNeverTwice()
    {
        var appended = Append("""{"messages":[{"role":"system","content":"You help."},{"role":"user","content":"hi"}]}""", ToolOutputFormat.OpenAIChat)!.Value;
        Assert.Equal("You help.\n\n" + Instruction, appended.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal(2, appended.GetProperty("messages").GetArrayLength());

        var inserted = Append("""{"messages":[{"role":"user","content":"hi"}]}""", ToolOutputFormat.OpenAIChat)!.Value;
        Assert.Equal("system", inserted.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Equal(Instruction, inserted.GetProperty("messages")[0].GetProperty("content").GetString());

        string secondTurn = inserted.GetRawText();
        Assert.Null(Append(secondTurn, ToolOutputFormat.OpenAIChat));
        Assert.Null(Append("""{"messages":[{"role":"developer","content":[{"type":"text","text":"x [mark] y"}]}]}""", ToolOutputFormat.OpenAIChat));
    }

    [Fact]
    public void Anthropic_StringArrayOrAbsentSystem()
    {
        Assert.Equal(Instruction, Append("""{"messages":[]}""", ToolOutputFormat.Anthropic)!.Value.GetProperty("system").GetString());
        Assert.Equal("Be kind.\n\n" + Instruction, Append("""{"system":"Be kind.","messages":[]}""", ToolOutputFormat.Anthropic)!.Value.GetProperty("system").GetString());
        var blocks = Append("""{"system":[{"type":"text","text":"Long prompt","cache_control":{"type":"ephemeral"}}],"messages":[]}""", ToolOutputFormat.Anthropic)!.Value.GetProperty("system");
        Assert.Equal(2, blocks.GetArrayLength());
        Assert.Equal("ephemeral", blocks[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal(Instruction, blocks[1].GetProperty("text").GetString());
        Assert.Null(Append("""{"system":[{"type":"text","text":"[mark] Be terse."}]}""", ToolOutputFormat.Anthropic));
    }

    [Fact]
    public void Responses_Instructions_AndGemini_SystemInstructionParts()
    {
        Assert.Equal("Do X.\n\n" + Instruction, Append("""{"instructions":"Do X.","input":"hi"}""", ToolOutputFormat.Responses)!.Value.GetProperty("instructions").GetString());
        Assert.Equal(Instruction, Append("""{"input":"hi"}""", ToolOutputFormat.Responses)!.Value.GetProperty("instructions").GetString());
        Assert.Null(Append("""{"instructions":"[mark] Be terse.","input":"hi"}""", ToolOutputFormat.Responses));

        var gemini = Append("""{"systemInstruction":{"parts":[{"text":"Sys"}]},"contents":[]}""", ToolOutputFormat.Gemini)!.Value;
        Assert.Equal(Instruction, gemini.GetProperty("systemInstruction").GetProperty("parts")[1].GetProperty("text").GetString());
        var fresh = Append("""{"contents":[]}""", ToolOutputFormat.Gemini)!.Value;
        Assert.Equal(Instruction, fresh.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Null(Append(gemini.GetRawText(), ToolOutputFormat.Gemini));
    }

    [Fact]
    public void NotAJsonObject_IsLeftToTheParser()
    {
        Assert.Null(Append("{broken", ToolOutputFormat.OpenAIChat));
        Assert.Null(Append("[]", ToolOutputFormat.Anthropic));
    }
}
