using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowRouter.Protocols.Transforms;

/// <summary>
/// Adds an instruction to a request's system prompt in each wire format's own way: OpenAI Chat a system message (or
/// the end of the leading one), Anthropic <c>system</c> (a string, or one more text block so earlier cache_control
/// marks stay put), Responses <c>instructions</c>, Gemini <c>systemInstruction</c> parts. When the system prompt
/// already holds <paramref name="marker"/> nothing is added, so an instruction never appears twice across turns.
/// </summary>
public static class SystemPromptAppender
{
    /// <summary>The new body, or null when the instruction is already there or the body is not a JSON object.</summary>
    public static byte[]? Append(ReadOnlySpan<byte> body, ToolOutputFormat format, string instruction, string marker)
    {
        if (RequestDocument.Parse(body) is not { } document)
        {
            return null;
        }
        bool added = format switch
        {
            ToolOutputFormat.OpenAIChat => OpenAIChat(document, instruction, marker),
            ToolOutputFormat.Anthropic => Anthropic(document, instruction, marker),
            ToolOutputFormat.Responses => Responses(document, instruction, marker),
            ToolOutputFormat.Gemini => Gemini(document, instruction, marker),
            _ => false,
        };
        if (!added)
        {
            return null;
        }
        return RequestDocument.Serialize(document, body.Length + instruction.Length + 64);
    }

    private static bool OpenAIChat(JsonObject document, string instruction, string marker)
    {
        if (document["messages"] is not JsonArray messages)
        {
            return false;
        }
        foreach (var message in messages.OfType<JsonObject>())
        {
            if (Text(message["role"]) is "system" or "developer" && message["content"]?.ToJsonString().Contains(marker, StringComparison.Ordinal) == true)
            {
                return false;
            }
        }
        if (messages.Count > 0 && messages[0] is JsonObject first && Text(first["role"]) is "system" or "developer" && Text(first["content"]) is { } text)
        {
            first["content"] = text + "\n\n" + instruction;
            return true;
        }
        messages.Insert(0, new JsonObject { ["role"] = "system", ["content"] = instruction });
        return true;
    }

    private static bool Anthropic(JsonObject document, string instruction, string marker)
    {
        switch (document["system"])
        {
            case null:
                document["system"] = instruction;
                return true;
            case JsonArray blocks:
                if (blocks.ToJsonString().Contains(marker, StringComparison.Ordinal))
                {
                    return false;
                }
                blocks.Add((JsonNode)new JsonObject { ["type"] = "text", ["text"] = instruction });
                return true;
            case var node when Text(node) is { } text:
                if (text.Contains(marker, StringComparison.Ordinal))
                {
                    return false;
                }
                document["system"] = text.Length == 0 ? instruction : text + "\n\n" + instruction;
                return true;
            default:
                return false;
        }
    }

    private static bool Responses(JsonObject document, string instruction, string marker)
    {
        string? text = Text(document["instructions"]);
        if (document["instructions"] is not null && text is null || text?.Contains(marker, StringComparison.Ordinal) == true)
        {
            return false;
        }
        document["instructions"] = string.IsNullOrEmpty(text) ? instruction : text + "\n\n" + instruction;
        return true;
    }

    private static bool Gemini(JsonObject document, string instruction, string marker)
    {
        var part = new JsonObject { ["text"] = instruction };
        if (document["systemInstruction"] is not JsonObject system)
        {
            if (document["systemInstruction"] is not null)
            {
                return false;
            }
            document["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray(part) };
            return true;
        }
        if (system.ToJsonString().Contains(marker, StringComparison.Ordinal))
        {
            return false;
        }
        if (system["parts"] is JsonArray parts)
        {
            parts.Add((JsonNode)part);
        }
        else
        {
            system["parts"] = new JsonArray(part);
        }
        return true;
    }

    private static string? Text(JsonNode? node) => RequestDocument.Text(node);
}
