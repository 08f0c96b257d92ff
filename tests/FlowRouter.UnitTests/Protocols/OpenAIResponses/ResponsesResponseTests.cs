using System.Text;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Protocols.OpenAIResponses;
using FlowRouter.TestKit;
using FlowRouter.UnitTests.Protocols.Anthropic;

namespace FlowRouter.UnitTests.Protocols.OpenAIResponses;

public sealed class ResponsesResponseTests
{
    [Theory]
    [MemberData(nameof(ResponsesFixtureData.JsonSuccessCases), MemberType = typeof(ResponsesFixtureData))]
    public void ReadThenWrite_FixtureResponse_GivesSameJson(string name)
    {
        var fixture = ResponsesFixtureData.Load(name);

        var response = ResponsesResponseReader.Read(fixture.ResponseBody);
        byte[] written = ResponsesResponseWriter.Write(response);

        JsonAssert.Equal(fixture.ResponseBody, written);
    }

    [Theory]
    [InlineData("text-basic", "stop", 14, 3, 0, 0)]
    [InlineData("function-call", "tool_calls", 74, 20, 0, 0)]
    [InlineData("max-output-tokens-incomplete", "length", 14, 20, 0, 0)]
    [InlineData("cached-tokens-usage", "stop", 4020, 5, 4012, 0)]
    [InlineData("instructions", "stop", 23, 89, 0, 64)]
    public void Read_FixtureResponse_MapsFinishAndUsage(string name, string finish, long input, long output, long cached, long reasoning)
    {
        var response = ResponsesResponseReader.Read(ResponsesFixtureData.Load(name).ResponseBody);

        Assert.Equal(finish, response.FinishReason?.Value);
        Assert.Equal(input, response.Usage!.InputTokens);
        Assert.Equal(output, response.Usage.OutputTokens);
        Assert.Equal(cached, response.Usage.CacheReadTokens);
        Assert.Equal(reasoning, response.Usage.ReasoningTokens);
    }

    [Fact]
    public void Read_ReasoningSummaryAndMessage_FoldIntoOneAssistantMessage()
    {
        var response = ResponsesResponseReader.Read(ResponsesFixtureData.Load("reasoning-summary").ResponseBody);

        var parts = response.Message.Parts;
        var reasoning = Assert.IsType<ReasoningPart>(parts[0]);
        Assert.Equal("rs_0cc0a58be930d768006a7cced2e63c819ea6aeb034e95080f0", reasoning.ItemId);
        Assert.Equal("Sanitized", reasoning.RedactedData);
        Assert.StartsWith("**Creating clear instructions**", reasoning.Text, StringComparison.Ordinal);
        Assert.StartsWith("For a tight", Assert.IsType<TextPart>(parts[1]).Text, StringComparison.Ordinal);
        Assert.Equal(ChatRole.Assistant, response.Message.Role);
    }

    [Fact]
    public void Read_ParallelCalls_KeepCallIdAndItemId()
    {
        var response = ResponsesResponseReader.Read(ResponsesFixtureData.Load("parallel-function-calls").ResponseBody);

        var calls = response.Message.Parts.OfType<ToolCallPart>().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("call_bzXaB1HDWsWy7n6bMrxJzNNa", calls[0].Id);
        Assert.Equal("fc_05020a9191cad7ac0068f966b1446c8190b34b78d6f788eeec", calls[0].ItemId);
        Assert.Equal("{\"password\":\"radiance\"}", calls[1].ArgumentsJson);
    }

    [Fact]
    public void Read_Refusal_BecomesRefusalPart()
    {
        var response = ResponsesResponseReader.Read(ResponsesFixtureData.Load("refusal-structured").ResponseBody);

        Assert.Equal("I'm very sorry, but I can't assist with that.", Assert.IsType<RefusalPart>(Assert.Single(response.Message.Parts)).Text);
    }

    [Theory]
    [InlineData("""{"id":"resp_1","object":"response","created_at":1,"status":"incomplete","incomplete_details":{"reason":"content_filter"},"model":"m","output":[]}""", "content_filter")]
    [InlineData("""{"id":"resp_1","object":"response","created_at":1,"status":"failed","error":{"code":"server_error","message":"x"},"model":"m","output":[]}""", "error")]
    [InlineData("""{"id":"resp_1","object":"response","created_at":1,"status":"cancelled","model":"m","output":[]}""", "cancelled")]
    [InlineData("""{"id":"resp_1","object":"response","created_at":1,"status":"incomplete","incomplete_details":{"reason":"new_reason"},"model":"m","output":[]}""", "new_reason")]
    public void ReadThenWrite_OtherStatuses_MapAndComeBack(string json, string finish)
    {
        byte[] input = Encoding.UTF8.GetBytes(json);

        var response = ResponsesResponseReader.Read(input);

        Assert.Equal(finish, response.FinishReason?.Value);
        using var written = JsonDocument.Parse(ResponsesResponseWriter.Write(response));
        using var original = JsonDocument.Parse(input);
        foreach (var property in original.RootElement.EnumerateObject())
        {
            JsonAssert.Equal(property.Value, written.RootElement.GetProperty(property.Name));
        }
    }

    [Fact]
    public void Write_AnthropicAnswer_IsOrderedResponseObjectWithEcho()
    {
        var anthropic = AnthropicResponseReader.Read(Fixtures.Load("anthropic-messages", "thinking-tool-use").ResponseBody);
        var request = ResponsesRequestReader.Read("""{"model":"alias","input":"hi","instructions":"be brief","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"},"strict":false}],"temperature":0.5}"""u8.ToArray());

        using var document = JsonDocument.Parse(ResponsesResponseWriter.Write(anthropic, new ResponsesResponseWriterOptions { Model = "alias", Request = request }));

        var root = document.RootElement;
        Assert.StartsWith("resp_", root.GetProperty("id").GetString(), StringComparison.Ordinal); // Anthropic's msg_ id is no response id
        Assert.Equal("response", root.GetProperty("object").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal("alias", root.GetProperty("model").GetString());
        Assert.Equal("be brief", root.GetProperty("instructions").GetString());
        Assert.Equal(0.5, root.GetProperty("temperature").GetDouble());
        Assert.Equal("get_weather", root.GetProperty("tools")[0].GetProperty("name").GetString());
        var output = root.GetProperty("output");
        Assert.Equal("reasoning", output[0].GetProperty("type").GetString());
        Assert.StartsWith("rs_", output[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.False(output[0].TryGetProperty("encrypted_content", out _)); // an Anthropic signature is not Responses reasoning
        string lastType = output[output.GetArrayLength() - 1].GetProperty("type").GetString()!;
        Assert.Equal("function_call", lastType);
        var call = output[output.GetArrayLength() - 1];
        Assert.StartsWith("fc_", call.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("toolu_", call.GetProperty("call_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", call.GetProperty("status").GetString());
        var usage = root.GetProperty("usage");
        Assert.Equal(anthropic.Usage!.InputTokens, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(0, usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt64());
    }

    [Fact]
    public void Write_AnthropicSeveralTextBlocks_BecomeOneMessageItem()
    {
        var response = new ChatResponse { Id = "", Model = "claude", FinishReason = FinishReason.StopSequence };
        response.Message.Parts.Add(new TextPart("Hello "));
        response.Message.Parts.Add(new TextPart("world"));

        using var document = JsonDocument.Parse(ResponsesResponseWriter.Write(response, new ResponsesResponseWriterOptions { Id = "resp_x", Created = 5 }));

        var output = document.RootElement.GetProperty("output");
        var item = Assert.Single(output.EnumerateArray());
        Assert.Equal(2, item.GetProperty("content").GetArrayLength());
        Assert.Equal("[]", item.GetProperty("content")[1].GetProperty("annotations").GetRawText());
        Assert.Equal("resp_x", document.RootElement.GetProperty("id").GetString());
        Assert.Equal(5, document.RootElement.GetProperty("created_at").GetInt64());
        Assert.Equal("completed", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("usage").ValueKind);
    }

    [Fact]
    public void Write_LengthFromChat_IsIncompleteWithReason()
    {
        var chat = OpenAIChatResponseReader.Read(Fixtures.Load("openai-chat", "max-tokens-length").ResponseBody);

        using var document = JsonDocument.Parse(ResponsesResponseWriter.Write(chat));

        Assert.Equal("incomplete", document.RootElement.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", document.RootElement.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("incomplete", document.RootElement.GetProperty("output")[0].GetProperty("status").GetString());
        Assert.Equal(chat.Usage!.InputTokens, document.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }
}
