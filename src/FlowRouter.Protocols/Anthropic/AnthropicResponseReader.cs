using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Reads a non-streamed Messages response into a <see cref="ChatResponse"/>. Content blocks become parts (server
/// tool blocks stay raw), stop_reason maps through <see cref="AnthropicStopReasons"/> (a raw word that is not the
/// canonical reason's own is kept so a same-protocol write repeats it), usage is converted to the canonical
/// convention; everything else (container, stop_details…) is kept in the extensions.
/// </summary>
public static class AnthropicResponseReader
{
    public static ChatResponse Read(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = AnthropicJsonRead.Parse(utf8Json, "the response");
        return Read(document.RootElement);
    }

    public static ChatResponse Read(JsonElement root)
    {
        AnthropicJsonRead.Object(root, "");
        var response = new ChatResponse();
        JsonExtensions? extensions = null;
        foreach (var property in root.EnumerateObject())
        {
            if (!ReadProperty(response, property.Name, property.Value, ref extensions))
            {
                AnthropicJsonRead.Keep(ref extensions, property.Name, property.Value);
            }
        }
        response.Extensions = extensions;
        return response;
    }

    private static bool ReadProperty(ChatResponse response, string name, JsonElement value, ref JsonExtensions? extensions)
    {
        switch (name)
        {
            case "id" when value.ValueKind == JsonValueKind.String:
                response.Id = value.GetString()!;
                return true;
            case "model" when value.ValueKind == JsonValueKind.String:
                response.Model = value.GetString()!;
                return true;
            case "type" when value.ValueEquals("message") && value.ValueKind == JsonValueKind.String:
            case "role" when value.ValueEquals("assistant") && value.ValueKind == JsonValueKind.String:
            case "stop_reason" or "stop_sequence" when value.ValueKind == JsonValueKind.Null:
                return true; // written back as Anthropic always sends them
            case "content" when value.ValueKind == JsonValueKind.Array:
                AnthropicBlockReader.ReadContent(response.Message.Parts, value, "content", out _);
                return true;
            case "stop_reason" when value.ValueKind == JsonValueKind.String:
                string raw = value.GetString()!;
                response.FinishReason = AnthropicStopReasons.Read(raw);
                if (AnthropicStopReasons.Write(response.FinishReason.Value) != raw)
                {
                    AnthropicJsonRead.Keep(ref extensions, name, value); // e.g. model_context_window_exceeded
                }
                return true;
            case "stop_sequence" when value.ValueKind == JsonValueKind.String:
                response.StopSequence = value.GetString();
                return true;
            case "usage" when value.ValueKind == JsonValueKind.Object:
                response.Usage = AnthropicUsage.Read(value);
                return true;
            default:
                return false;
        }
    }
}
