using System.Text.Json;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// A cheap first look at a Gemini request body before routing: it must be one well-formed JSON object whose strings
/// decode (<see cref="JsonTextCheck"/>). Nothing is allocated; the body goes to a Gemini target as it is (the model is
/// in the URL), and only translation reads it whole.
/// </summary>
public static class GeminiRequestPeek
{
    /// <summary>Null when the body can be routed, else the message for a 400 INVALID_ARGUMENT.</summary>
    public static string? Check(ReadOnlySpan<byte> body)
    {
        if (JsonTextCheck.Find(body) is { } problem)
        {
            return "Invalid JSON payload received: " + problem + ".";
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = JsonTextCheck.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "Invalid JSON payload received. The request body must be a JSON object.";
            }
            reader.Skip();
            return reader.Read() ? "Invalid JSON payload received. Unexpected content after the JSON object." : null;
        }
        catch (JsonException ex)
        {
            // The reader's own message can quote the body; say only where it failed.
            return "Invalid JSON payload received: " + JsonTextCheck.Describe(ex, body, reader.CurrentDepth, reader.BytesConsumed) + ".";
        }
    }
}
