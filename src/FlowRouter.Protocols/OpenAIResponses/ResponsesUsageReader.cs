using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>Usage of a Responses answer relayed as is: from a response object, or from the event that wraps one.</summary>
public static class ResponsesUsageReader
{
    /// <summary>
    /// Reads usage from <paramref name="json"/>: a response object, or a response.completed/incomplete/failed event
    /// holding one under "response". False when there is none (or the JSON is not readable).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out Usage usage)
    {
        usage = new Usage();
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("response", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
            {
                root = wrapped;
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("usage", out var value) || value.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            usage = ResponsesUsageJson.Read(value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The response object inside a response.completed/incomplete/failed event's data, as raw JSON.</summary>
    public static ReadOnlyMemory<byte> ResponseOf(ReadOnlyMemory<byte> eventData)
    {
        var reader = new Utf8JsonReader(eventData.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return default;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isResponse = reader.ValueTextEquals("response"u8);
            reader.Read();
            if (isResponse && reader.TokenType == JsonTokenType.StartObject)
            {
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                return eventData[start..(int)reader.BytesConsumed];
            }
            reader.Skip();
        }
        return default;
    }
}
