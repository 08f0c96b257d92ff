namespace FlowRouter.Translation;

/// <summary>Tells an upstream's in-stream error frame from a real event, per wire format, before anything is committed.</summary>
internal static class StreamErrors
{
    /// <summary>OpenAI Chat: a data event holding {"error":{…}}.</summary>
    public static bool IsOpenAIErrorEvent(ReadOnlyMemory<byte> data, string? eventType) =>
        eventType == "error" || data.Span.TrimStart(" \t\r\n"u8).StartsWith("{\"error\""u8);

    /// <summary>Anthropic: an "event: error" frame (e.g. overloaded_error inside a 200 stream).</summary>
    public static bool IsAnthropicErrorEvent(ReadOnlyMemory<byte> data, string? eventType) =>
        eventType == "error" || data.Span.TrimStart(" \t\r\n"u8).StartsWith("{\"type\":\"error\""u8);

    /// <summary>Responses: an "error" event, or response.failed (the answer failed after the stream opened).</summary>
    public static bool IsResponsesErrorEvent(ReadOnlyMemory<byte> data, string? eventType) =>
        eventType is "error" or "response.failed" || data.Span.TrimStart(" \t\r\n"u8).StartsWith("{\"type\":\"error\""u8);

    /// <summary>
    /// Gemini: a chunk that is an error object {"error":{code,message,status}} rather than a GenerateContentResponse
    /// (also wrapped in an array, as the JSON-array stream sends it).
    /// </summary>
    public static bool IsGeminiErrorEvent(ReadOnlyMemory<byte> data, string? eventType)
    {
        var span = data.Span.TrimStart(" \t\r\n"u8);
        if (span.StartsWith("["u8))
        {
            span = span[1..].TrimStart(" \t\r\n"u8);
        }
        return eventType == "error" || span.StartsWith("{"u8) && span[1..].TrimStart(" \t\r\n"u8).StartsWith("\"error\""u8);
    }
}
