using System.Text.Json;

namespace FlowRouter.UnitTests.Protocols.OpenAIResponses;

/// <summary>The shape rules of a Responses request body that a translated request must follow.</summary>
internal static class ResponsesRequestAssert
{
    public static void Valid(JsonElement root)
    {
        Assert.Equal(JsonValueKind.String, root.GetProperty("model").ValueKind);
        foreach (var item in root.GetProperty("input").EnumerateArray())
        {
            string type = item.GetProperty("type").GetString()!;
            switch (type)
            {
                case "message":
                    Assert.Contains(item.GetProperty("role").GetString(), new[] { "user", "assistant", "system", "developer" });
                    ValidContent(item.GetProperty("content"), item.GetProperty("role").GetString() == "assistant");
                    break;
                case "function_call":
                    Assert.Equal(JsonValueKind.String, item.GetProperty("call_id").ValueKind);
                    Assert.Equal(JsonValueKind.String, item.GetProperty("arguments").ValueKind);
                    break;
                case "function_call_output" or "custom_tool_call_output":
                    Assert.Equal(JsonValueKind.String, item.GetProperty("call_id").ValueKind);
                    break;
                default:
                    Assert.Fail("unexpected item type " + type);
                    break;
            }
        }
        if (root.TryGetProperty("tools", out var tools))
        {
            foreach (var tool in tools.EnumerateArray())
            {
                Assert.False(tool.TryGetProperty("function", out _)); // flat, not Chat's nested shape
                Assert.Equal(JsonValueKind.String, tool.GetProperty("name").ValueKind);
            }
        }
        Assert.False(root.TryGetProperty("messages", out _));
        Assert.False(root.TryGetProperty("max_tokens", out _));
    }

    private static void ValidContent(JsonElement content, bool assistant)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return;
        }
        foreach (var part in content.EnumerateArray())
        {
            string type = part.GetProperty("type").GetString()!;
            Assert.Contains(type, assistant ? new[] { "output_text", "refusal" } : new[] { "input_text", "input_image", "input_file" });
            if (type == "input_image")
            {
                Assert.True(part.TryGetProperty("image_url", out _) || part.TryGetProperty("file_id", out _));
            }
        }
    }
}
