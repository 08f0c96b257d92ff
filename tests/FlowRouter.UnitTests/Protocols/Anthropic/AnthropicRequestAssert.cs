using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlowRouter.UnitTests.Protocols.Anthropic;

/// <summary>Checks the rules Anthropic enforces on a request body and on a stream's event sequence.</summary>
internal static partial class AnthropicRequestAssert
{
    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex ToolId();

    public static void Valid(JsonElement root)
    {
        Assert.Equal(JsonValueKind.String, root.GetProperty("model").ValueKind);
        Assert.True(root.GetProperty("max_tokens").GetInt32() > 0);
        var messages = root.GetProperty("messages");
        Assert.True(messages.GetArrayLength() > 0);
        string? previousRole = null;
        var pendingCalls = new List<string>();
        foreach (var message in messages.EnumerateArray())
        {
            string role = message.GetProperty("role").GetString()!;
            Assert.Contains(role, new[] { "user", "assistant" });
            Assert.NotEqual(previousRole, role);
            previousRole = role;
            var content = message.GetProperty("content");
            if (content.ValueKind == JsonValueKind.String)
            {
                Assert.NotEqual("", content.GetString());
                Assert.Empty(pendingCalls);
                continue;
            }
            pendingCalls = CheckBlocks(content, role, pendingCalls);
        }
        Assert.Empty(pendingCalls);
    }

    /// <summary>Checks one turn's blocks; returns the tool_use ids the next turn must answer.</summary>
    private static List<string> CheckBlocks(JsonElement content, string role, List<string> pendingCalls)
    {
        var calls = new List<string>();
        bool seenOther = false;
        foreach (var block in content.EnumerateArray())
        {
            string type = block.GetProperty("type").GetString()!;
            if (type == "text")
            {
                Assert.NotEqual("", block.GetProperty("text").GetString());
            }
            if (type == "tool_use")
            {
                Assert.Equal("assistant", role);
                Assert.Matches(ToolId(), block.GetProperty("id").GetString()!);
                Assert.Equal(JsonValueKind.Object, block.GetProperty("input").ValueKind);
                calls.Add(block.GetProperty("id").GetString()!);
            }
            if (type == "tool_result")
            {
                Assert.Equal("user", role);
                Assert.False(seenOther, "tool_result blocks must come first");
                Assert.True(pendingCalls.Remove(block.GetProperty("tool_use_id").GetString()!), "tool_result answers no tool_use");
            }
            seenOther |= type != "tool_result";
        }
        Assert.Empty(pendingCalls);
        return calls;
    }

    /// <summary>message_start first; each block started, given deltas while open, stopped; one message_delta with a stop_reason; message_stop last.</summary>
    public static void WellFormedStream(string sse)
    {
        var frames = sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var names = new List<string>();
        int open = -1, next = 0;
        foreach (string frame in frames)
        {
            var lines = frame.Split('\n');
            string name = lines[0]["event: ".Length..];
            using var data = JsonDocument.Parse(lines[1]["data: ".Length..]);
            Assert.Equal(name, data.RootElement.GetProperty("type").GetString());
            names.Add(name);
            switch (name)
            {
                case "content_block_start":
                    Assert.Equal(-1, open);
                    Assert.Equal(next++, data.RootElement.GetProperty("index").GetInt32());
                    open = next - 1;
                    break;
                case "content_block_delta":
                    Assert.Equal(open, data.RootElement.GetProperty("index").GetInt32());
                    break;
                case "content_block_stop":
                    Assert.Equal(open, data.RootElement.GetProperty("index").GetInt32());
                    open = -1;
                    break;
                case "message_delta":
                    Assert.Equal(JsonValueKind.String, data.RootElement.GetProperty("delta").GetProperty("stop_reason").ValueKind);
                    break;
            }
        }
        Assert.Equal("message_start", names[0]);
        Assert.Equal(["message_delta", "message_stop"], names[^2..]);
        Assert.Single(names, n => n == "message_delta");
        Assert.Equal(-1, open);
    }
}
