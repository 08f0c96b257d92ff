using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIChat;

public sealed class OpenAIChatCrossProtocolTests
{
    [Fact]
    public void Write_SystemPartsAndToolResultsInUserTurn_WritesOpenAIMessagesInOrder()
    {
        var request = new ChatRequest { Model = "claude-sonnet-4-5", MaxOutputTokens = 100, MaxOutputTokensField = "max_tokens" };
        request.System.Add(new TextPart("You are terse.") { CacheControlJson = """{"type":"ephemeral"}""" });
        request.System.Add(new TextPart(" Answer in English."));
        request.SystemIsString = true;
        var user = new ChatMessage(ChatRole.User);
        user.Parts.Add(new TextPart("Weather in Paris and Rome?"));
        request.Messages.Add(user);
        var assistant = new ChatMessage(ChatRole.Assistant);
        assistant.Parts.Add(new ReasoningPart { Text = "need tools", Signature = "sig", OriginProvider = "anthropic" });
        assistant.Parts.Add(new TextPart("Checking."));
        assistant.Parts.Add(new ToolCallPart("toolu_1", "weather", """{"city":"Paris"}"""));
        assistant.Parts.Add(new ToolCallPart("toolu_2", "weather", """{"city":"Rome"}"""));
        request.Messages.Add(assistant);
        var results = new ChatMessage(ChatRole.User);
        var first = new ToolResultPart("toolu_1") { ContentIsString = true };
        first.Content.Add(new TextPart("18C"));
        var second = new ToolResultPart("toolu_2");
        second.Content.Add(new TextPart("21C"));
        results.Parts.Add(first);
        results.Parts.Add(second);
        results.Parts.Add(new TextPart("Which is warmer?"));
        request.Messages.Add(results);
        request.Extensions = new JsonExtensions(WireProtocol.Anthropic);
        request.Extensions.Add("thinking", """{"type":"enabled","budget_tokens":1024}""");

        byte[] written = OpenAIChatRequestWriter.Write(request, new OpenAIChatRequestWriterOptions { Model = "gpt-4o" });

        JsonAssert.Equal("""
            {"model":"gpt-4o","max_tokens":100,"messages":[
              {"role":"system","content":"You are terse. Answer in English."},
              {"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
              {"role":"assistant","content":[{"type":"text","text":"Checking."}],"tool_calls":[
                {"id":"toolu_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"toolu_2","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Rome\"}"}}]},
              {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
              {"role":"tool","tool_call_id":"toolu_2","content":[{"type":"text","text":"21C"}]},
              {"role":"user","content":[{"type":"text","text":"Which is warmer?"}]}]}
            """, System.Text.Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Write_UserTurnWithOnlyToolResults_WritesNoEmptyUserMessage()
    {
        var request = new ChatRequest { Model = "m" };
        var results = new ChatMessage(ChatRole.User);
        var result = new ToolResultPart("t1") { ContentIsString = true };
        result.Content.Add(new TextPart("ok"));
        results.Parts.Add(result);
        request.Messages.Add(results);

        using var document = JsonDocument.Parse(OpenAIChatRequestWriter.Write(request));

        var message = Assert.Single(document.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal("tool", message.GetProperty("role").GetString());
    }

    [Fact]
    public void Write_ResponseFromAnotherProtocol_JoinsTextAndExposesReasoning()
    {
        var response = new ChatResponse { Id = "msg_1", Model = "claude", Created = 5, FinishReason = FinishReason.StopSequence };
        response.Message.Parts.Add(new ReasoningPart { Text = "hmm", Signature = "sig" });
        response.Message.Parts.Add(new TextPart("Hello "));
        response.Message.Parts.Add(new TextPart("world"));
        response.Usage = new Usage { InputTokens = 10, OutputTokens = 5, CacheReadTokens = 4, CacheWriteTokens = 2 };

        byte[] written = OpenAIChatResponseWriter.Write(response, new OpenAIChatResponseWriterOptions { Model = "alias" });

        JsonAssert.Equal("""
            {"id":"msg_1","object":"chat.completion","created":5,"model":"alias",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello world","reasoning_content":"hmm"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4}}}
            """, System.Text.Encoding.UTF8.GetString(written));
    }
}
