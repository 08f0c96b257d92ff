using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;
using OpenAI.Chat;

namespace FlowRouter.IntegrationTests;

/// <summary>
/// An OpenAI client asking for a JSON schema from a Claude model without native structured output: the schema goes
/// out as a forced answer tool and the tool call comes back to the client as JSON text with finish reason stop.
/// </summary>
public sealed class StructuredOutputToolTests
{
    private const string Providers = """
        providers:
          - id: claude
            type: anthropic
            base_url: {upstream-root}
            api_key: sk-ant-test-provider-key-0000000000
        """;

    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"temp":{"type":"number"}},"required":["city","temp"]}""";

    private const string ToolUseAnswer = """
        {"id":"msg_01","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
         "content":[{"type":"tool_use","id":"toolu_01","name":"structured_output","input":{"city":"Paris","temp":21}}],
         "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":50,"output_tokens":20}}
        """;

    private const string ToolUseStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":50,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01","name":"structured_output","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"city\": \"Par"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"is\", \"temp\": 21}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":20}}

        event: message_stop
        data: {"type":"message_stop"}


        """;

    private static ChatCompletionOptions JsonSchemaOptions() => new()
    {
        ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("weather", BinaryData.FromString(Schema)),
    };

    [Fact]
    public async Task ChatCompletion_ModelWithoutStructuredOutput_SchemaSentAsForcedToolAndAnswerArrivesAsText()
    {
        await using var harness = await RouterHarness.StartAsync(Providers);
        harness.Upstream.Enqueue(FakeResponse.Json(200, ToolUseAnswer));

        ChatCompletion completion = await harness.Chat("claude/claude-3-5-haiku-20241022")
            .CompleteChatAsync([new UserChatMessage("Weather in Paris as JSON")], JsonSchemaOptions());

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Empty(completion.ToolCalls);
        using var answer = JsonDocument.Parse(completion.Content[0].Text);
        Assert.Equal("Paris", answer.RootElement.GetProperty("city").GetString());
        using var sent = harness.Upstream.LastRequest!.Json();
        var root = sent.RootElement;
        Assert.False(root.TryGetProperty("output_config", out _));
        var tool = Assert.Single(root.GetProperty("tools").EnumerateArray());
        Assert.Equal("structured_output", tool.GetProperty("name").GetString());
        JsonAssert.Equal(Schema, tool.GetProperty("input_schema").GetRawText());
        Assert.Equal("tool", root.GetProperty("tool_choice").GetProperty("type").GetString());
        Assert.Equal("structured_output", root.GetProperty("tool_choice").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ChatCompletionStreaming_ModelWithoutStructuredOutput_ToolArgumentsStreamAsText()
    {
        await using var harness = await RouterHarness.StartAsync(Providers);
        harness.Upstream.Enqueue(FakeResponse.SseText(ToolUseStream.Replace("\r\n", "\n", StringComparison.Ordinal)));
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        int toolCallUpdates = 0;
        await foreach (var update in harness.Chat("claude/claude-3-5-haiku-20241022")
            .CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris as JSON")], JsonSchemaOptions()))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            toolCallUpdates += update.ToolCallUpdates.Count;
            finish ??= update.FinishReason;
        }
        Assert.Equal("{\"city\": \"Paris\", \"temp\": 21}", text.ToString());
        Assert.Equal(0, toolCallUpdates);
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task ChatCompletion_ModelWithStructuredOutput_SchemaSentAsOutputFormat()
    {
        await using var harness = await RouterHarness.StartAsync(Providers);
        harness.Upstream.Enqueue(FakeResponse.FromFixture(Fixtures.Load("anthropic-messages", "structured-output-json-schema")));

        await harness.Chat("claude/claude-sonnet-4-5-20250929").CompleteChatAsync([new UserChatMessage("Weather in Paris as JSON")], JsonSchemaOptions());

        using var sent = harness.Upstream.LastRequest!.Json();
        Assert.Equal("json_schema", sent.RootElement.GetProperty("output_config").GetProperty("format").GetProperty("type").GetString());
        Assert.False(sent.RootElement.TryGetProperty("tools", out _));
    }
}
