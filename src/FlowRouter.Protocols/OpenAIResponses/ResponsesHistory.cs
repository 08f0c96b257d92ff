using System.Buffers;
using System.Text.Json;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// previous_response_id without server-side state: FlowRouter keeps each stored turn's input items and response,
/// and rebuilds the whole conversation as input items (each earlier turn's input, then its output items, which the
/// Responses API accepts back as input) before the request goes to any provider. The request that comes out has no
/// previous_response_id, so every provider — Responses or not — gets the full history, and a Responses upstream
/// bills it the same as its own state would.
/// </summary>
public static class ResponsesHistory
{
    /// <summary>One earlier turn: its input items (JSON array) and its response object (JSON).</summary>
    public readonly record struct Turn(string InputItemsJson, string ResponseJson);

    /// <summary>The request's own input as a JSON array of items (a string input is one user message).</summary>
    public static string InputItems(JsonElement request)
    {
        if (!request.TryGetProperty("input", out var input))
        {
            return "[]";
        }
        if (input.ValueKind == JsonValueKind.Array)
        {
            return input.GetRawText();
        }
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            WriteUserMessage(writer, input);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes <paramref name="request"/> with previous_response_id removed and input replaced by the history of
    /// <paramref name="turns"/> (oldest first) followed by the request's own input items. Every other field stays.
    /// </summary>
    public static void Expand(JsonElement request, IReadOnlyList<Turn> turns, IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        bool wroteInput = false;
        foreach (var property in request.EnumerateObject())
        {
            if (property.NameEquals("previous_response_id"))
            {
                continue;
            }
            if (property.NameEquals("input"))
            {
                WriteInput(writer, turns, property.Value);
                wroteInput = true;
                continue;
            }
            property.WriteTo(writer);
        }
        if (!wroteInput)
        {
            WriteInput(writer, turns, default);
        }
        writer.WriteEndObject();
    }

    private static void WriteInput(Utf8JsonWriter writer, IReadOnlyList<Turn> turns, JsonElement own)
    {
        writer.WritePropertyName("input");
        writer.WriteStartArray();
        foreach (var turn in turns)
        {
            using (var items = JsonDocument.Parse(turn.InputItemsJson))
            {
                foreach (var item in items.RootElement.EnumerateArray())
                {
                    item.WriteTo(writer);
                }
            }
            using var response = JsonDocument.Parse(turn.ResponseJson);
            if (response.RootElement.TryGetProperty("output", out var outputItems) && outputItems.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in outputItems.EnumerateArray())
                {
                    item.WriteTo(writer);
                }
            }
        }
        switch (own.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in own.EnumerateArray())
                {
                    item.WriteTo(writer);
                }
                break;
            case JsonValueKind.Undefined:
            case JsonValueKind.Null:
                break;
            default:
                WriteUserMessage(writer, own);
                break;
        }
        writer.WriteEndArray();
    }

    private static void WriteUserMessage(Utf8JsonWriter writer, JsonElement content)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "message");
        writer.WriteString("role", "user");
        writer.WritePropertyName("content");
        content.WriteTo(writer);
        writer.WriteEndObject();
    }
}
