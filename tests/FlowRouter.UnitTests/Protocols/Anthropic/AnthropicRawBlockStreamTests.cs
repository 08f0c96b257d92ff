using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

/// <summary>
/// Server tool blocks and citations in a translated stream: an Anthropic writer replays them exactly, an OpenAI
/// writer leaves them out and keeps the text. The stream is built from the recorded web-search answer's blocks.
/// </summary>
public sealed class AnthropicRawBlockStreamTests
{
    /// <summary>The recorded server-tool-web-search answer as Anthropic streams it: text blocks with citations_delta.</summary>
    private static (string Sse, List<JsonNode> Starts, List<JsonNode> Deltas) WebSearchStream()
    {
        var answer = JsonNode.Parse(Fixtures.Load("anthropic-messages", "server-tool-web-search").ResponseBody)!;
        var sse = new StringBuilder();
        var starts = new List<JsonNode>();
        var deltas = new List<JsonNode>();
        void Add(string type, JsonNode data) => sse.Append("event: ").Append(type).Append("\ndata: ").Append(data.ToJsonString()).Append("\n\n");
        Add("message_start", JsonNode.Parse("""{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}""")!);
        int index = 0;
        foreach (var block in answer["content"]!.AsArray())
        {
            JsonNode start = block!["type"]!.GetValue<string>() == "text" ? JsonNode.Parse("""{"type":"text","text":""}""")! : block.DeepClone();
            starts.Add(start);
            Add("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = start.DeepClone() });
            if (block["type"]!.GetValue<string>() == "text")
            {
                foreach (var citation in block["citations"]?.AsArray() ?? [])
                {
                    var delta = new JsonObject { ["type"] = "citations_delta", ["citation"] = citation!.DeepClone() };
                    deltas.Add(delta);
                    Add("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta.DeepClone() });
                }
                Add("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = block["text"]!.GetValue<string>() } });
            }
            Add("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
            index++;
        }
        Add("message_delta", JsonNode.Parse("""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":50}}""")!);
        Add("message_stop", JsonNode.Parse("""{"type":"message_stop"}""")!);
        return (sse.ToString(), starts, deltas);
    }

    [Fact]
    public async Task AnthropicToAnthropic_ServerToolBlocksAndCitations_ReplayedExactly()
    {
        var (sse, starts, deltas) = WebSearchStream();
        var events = await AnthropicStreamTests.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(sse)));
        Assert.Contains(events, e => e is RawBlockStart);
        Assert.Contains(events, e => e is RawDelta);

        string written = Encoding.UTF8.GetString(AnthropicStreamTests.WriteAll(events));
        var data = written.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l[6..])!).ToList();
        var writtenStarts = data.Where(d => d["type"]!.GetValue<string>() == "content_block_start").Select(d => d["content_block"]!).ToList();
        var writtenCitations = data.Where(d => d["type"]!.GetValue<string>() == "content_block_delta" && d["delta"]!["type"]!.GetValue<string>() == "citations_delta").Select(d => d["delta"]!).ToList();
        Assert.Equal(starts.Count, writtenStarts.Count);
        for (int i = 0; i < starts.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(starts[i], writtenStarts[i]), $"block {i}: {writtenStarts[i].ToJsonString()}");
        }
        Assert.Equal(deltas.Count, writtenCitations.Count);
        Assert.All(deltas.Zip(writtenCitations), pair => Assert.True(JsonNode.DeepEquals(pair.First, pair.Second)));
    }

    [Fact]
    public async Task AnthropicToOpenAI_ServerToolBlocksLeftOut_TextKept()
    {
        var (sse, _, _) = WebSearchStream();
        var events = await AnthropicStreamTests.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(sse)));
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new OpenAIChatStreamWriter(new OpenAIChatResponseWriterOptions()))
        {
            foreach (var streamEvent in events)
            {
                writer.Write(streamEvent, output);
            }
        }
        string written = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.DoesNotContain("server_tool_use", written, StringComparison.Ordinal);
        Assert.DoesNotContain("citations", written, StringComparison.Ordinal);
        string text = string.Concat(written.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[6..]).RootElement)
            .Where(e => e.GetProperty("choices").GetArrayLength() > 0 && e.GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
            .Select(e => e.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Contains("San Francisco", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", written, StringComparison.Ordinal);
    }
}
