using System.Text;
using System.Text.Json;
using FlowRouter.TestKit;

namespace FlowRouter.UnitTests.Protocols.OpenAIResponses;

/// <summary>
/// Checks a Responses SSE body the way a strict client would read it: framing, sequence numbers, lifecycle order,
/// output items opened and closed one at a time with consistent indexes and ids, and done events that carry exactly
/// what the deltas added up to. Returns the frames for further checks.
/// </summary>
internal static class ResponsesSseAssert
{
    public sealed record Frame(string Type, JsonElement Data);

    public static List<Frame> Valid(string sse)
    {
        var frames = Parse(sse);
        Assert.Equal("response.created", frames[0].Type);
        Assert.Equal("response.in_progress", frames[1].Type);
        Assert.Contains(frames[^1].Type, new[] { "response.completed", "response.incomplete", "response.failed", "error" });
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(i, frames[i].Data.GetProperty("sequence_number").GetInt64());
        }
        CheckItems(frames);
        return frames;
    }

    private static List<Frame> Parse(string sse)
    {
        var frames = new List<Frame>();
        foreach (string block in sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string[] lines = block.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            string type = lines[0]["event: ".Length..];
            var data = JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement.Clone();
            Assert.Equal(type, data.GetProperty("type").GetString());
            frames.Add(new Frame(type, data));
        }
        return frames;
    }

    private static void CheckItems(List<Frame> frames)
    {
        var doneItems = new List<JsonElement>();
        string? openId = null;
        var texts = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        foreach (var (type, data) in frames)
        {
            switch (type)
            {
                case "response.output_item.added":
                    Assert.Null(openId); // items are sequential
                    Assert.Equal(doneItems.Count, data.GetProperty("output_index").GetInt32());
                    openId = data.GetProperty("item").GetProperty("id").GetString();
                    break;
                case "response.output_item.done":
                    Assert.Equal(openId, data.GetProperty("item").GetProperty("id").GetString());
                    Assert.Equal(doneItems.Count, data.GetProperty("output_index").GetInt32());
                    CheckItemText(data.GetProperty("item"), texts);
                    doneItems.Add(data.GetProperty("item"));
                    openId = null;
                    break;
                case "response.completed" or "response.incomplete":
                    Assert.Null(openId);
                    var output = data.GetProperty("response").GetProperty("output");
                    Assert.Equal(doneItems.Count, output.GetArrayLength());
                    for (int i = 0; i < doneItems.Count; i++)
                    {
                        JsonAssert.Equal(doneItems[i], output[i]);
                    }
                    break;
                default:
                    if (data.TryGetProperty("item_id", out var itemId))
                    {
                        Assert.Equal(openId, itemId.GetString());
                        Assert.Equal(doneItems.Count, data.GetProperty("output_index").GetInt32());
                        Accumulate(type, data, texts);
                    }
                    break;
            }
        }
    }

    private static string Key(JsonElement data, string partName) =>
        data.GetProperty("item_id").GetString() + "/" + (data.TryGetProperty(partName, out var index) ? index.GetInt32() : -1);

    private static void Accumulate(string type, JsonElement data, Dictionary<string, StringBuilder> texts)
    {
        string partName = type.Contains("reasoning_summary", StringComparison.Ordinal) ? "summary_index" : "content_index";
        string key = Key(data, partName);
        if (type.EndsWith(".delta", StringComparison.Ordinal))
        {
            if (!texts.TryGetValue(key, out var builder))
            {
                texts[key] = builder = new StringBuilder();
            }
            builder.Append(data.GetProperty("delta").GetString());
            return;
        }
        string? done = type switch
        {
            "response.output_text.done" or "response.reasoning_summary_text.done" => data.GetProperty("text").GetString(),
            "response.refusal.done" => data.GetProperty("refusal").GetString(),
            "response.function_call_arguments.done" => data.GetProperty("arguments").GetString(),
            "response.custom_tool_call_input.done" => data.GetProperty("input").GetString(),
            "response.content_part.done" => data.GetProperty("part").TryGetProperty("text", out var t) ? t.GetString() : data.GetProperty("part").GetProperty("refusal").GetString(),
            "response.reasoning_summary_part.done" => data.GetProperty("part").GetProperty("text").GetString(),
            _ => null,
        };
        if (done is not null)
        {
            Assert.Equal(texts.TryGetValue(key, out var sum) ? sum.ToString() : "", done);
        }
    }

    private static void CheckItemText(JsonElement item, Dictionary<string, StringBuilder> texts)
    {
        string id = item.GetProperty("id").GetString()!;
        string Sum(int index) => texts.TryGetValue(id + "/" + index, out var b) ? b.ToString() : "";
        switch (item.GetProperty("type").GetString())
        {
            case "function_call":
                Assert.Equal(Sum(-1), item.GetProperty("arguments").GetString());
                break;
            case "custom_tool_call":
                Assert.Equal(Sum(-1), item.GetProperty("input").GetString());
                break;
            case "message":
                int i = 0;
                foreach (var part in item.GetProperty("content").EnumerateArray())
                {
                    string text = part.TryGetProperty("text", out var t) ? t.GetString()! : part.GetProperty("refusal").GetString()!;
                    Assert.Equal(Sum(i++), text);
                }
                break;
            case "reasoning":
                int s = 0;
                foreach (var summary in item.GetProperty("summary").EnumerateArray())
                {
                    Assert.Equal(Sum(s++), summary.GetProperty("text").GetString());
                }
                break;
        }
    }
}
