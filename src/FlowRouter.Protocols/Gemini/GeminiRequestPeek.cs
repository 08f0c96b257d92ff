using System.Text.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// A cheap first look at a Gemini request body before routing: it must be one well-formed JSON object. Nothing is
/// allocated; the body goes to a Gemini target as it is (the model is in the URL), and only translation reads it whole.
/// </summary>
public static class GeminiRequestPeek
{
    /// <summary>Null when the body can be routed, else the message for a 400 INVALID_ARGUMENT.</summary>
    public static string? Check(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "Invalid JSON payload received. The request body must be a JSON object.";
            }
            reader.Skip();
            return reader.Read() ? "Invalid JSON payload received. Unexpected content after the JSON object." : null;
        }
        catch (JsonException ex)
        {
            return "Invalid JSON payload received. " + ex.Message;
        }
    }
}
