using System.Text.Json;

namespace FlowRouter.Providers.Http;

/// <summary>
/// A cheap well-formedness check of an upstream's JSON answer (or one stream event's data) before it is relayed or
/// trusted: one pass of <see cref="Utf8JsonReader"/>, nothing allocated, depth bounded. Every wire format FlowRouter
/// speaks answers with a JSON object and reports a failure with a top-level "error" member (OpenAI and Gemini
/// {"error":{…}}, Anthropic {"type":"error","error":{…}}; a Responses object carries "error": null when it worked).
/// The problem text never quotes the answer: it may hold the prompt or the model's words.
/// </summary>
public static class JsonAnswerScan
{
    /// <summary>
    /// Deeper than any answer a provider writes (the same bound as JsonDocument's default, which the codecs use);
    /// a 10,000-deep answer is refused here instead of costing a recursive parse.
    /// </summary>
    public const int MaxDepth = 64;

    public static AnswerShape Scan(ReadOnlySpan<byte> json, out string? problem)
    {
        problem = null;
        if (json.TrimStart(" \t\r\n"u8).IsEmpty)
        {
            problem = "it is empty";
            return AnswerShape.Malformed;
        }
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        bool error = false;
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                problem = $"it is JSON but not an object ({reader.TokenType})";
                return AnswerShape.Malformed;
            }
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    error = reader.TokenType is not (JsonTokenType.Null or JsonTokenType.False);
                }
            }
        }
        catch (JsonException)
        {
            problem = reader.CurrentDepth >= MaxDepth - 1
                ? $"it is nested deeper than {MaxDepth} levels"
                : $"it is not well-formed JSON (at byte {reader.BytesConsumed} of {json.Length})";
            return AnswerShape.Malformed;
        }
        return error ? AnswerShape.ErrorObject : AnswerShape.Answer;
    }
}
