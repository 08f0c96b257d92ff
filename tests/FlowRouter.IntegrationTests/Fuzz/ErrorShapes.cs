using System.Text.Json;

namespace FlowRouter.IntegrationTests;

/// <summary>Whether a body is an error in one API's own JSON shape, with a message.</summary>
internal static class ErrorShapes
{
    public static bool Matches(ErrorShape shape, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
            {
                return false;
            }
            return shape switch
            {
                // {"type":"error","error":{"type","message"}}
                ErrorShape.Anthropic => root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "error"
                    && error.TryGetProperty("type", out var kind) && kind.ValueKind == JsonValueKind.String,
                // {"error":{"code":400,"message","status":"INVALID_ARGUMENT"}}
                ErrorShape.Gemini => error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
                    && error.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String,
                // {"error":{"message","type","param","code"}}
                _ => error.TryGetProperty("type", out var openAIType) && openAIType.ValueKind == JsonValueKind.String && !root.TryGetProperty("type", out _),
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The error's message (the caller checked the shape).</summary>
    public static string Message(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetProperty("message").GetString()!;
    }
}
