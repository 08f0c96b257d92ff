using System.Text.Json;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// The hot-path look at a Responses request: one forward <see cref="Utf8JsonReader"/> pass that checks the body is one
/// well-formed JSON object (its strings decodable, see <see cref="JsonTextCheck"/>) and picks out what routing and the
/// response store need (model and where its token is, stream, store, previous_response_id, whether there is input),
/// without building a DOM.
/// </summary>
public readonly record struct ResponsesRequestPeek
{
    public string? Model { get; init; }
    public int ModelTokenOffset { get; init; }
    public int ModelTokenLength { get; init; }
    public bool Stream { get; init; }

    /// <summary>The client's store flag; the Responses API stores unless told store: false.</summary>
    public bool? Store { get; init; }

    public string? PreviousResponseId { get; init; }
    public bool HasInput { get; init; }
    public string? Error { get; init; }
    public string? ErrorParam { get; init; }

    public bool Stores => Store != false;

    /// <summary>The model token's position in the shape <see cref="OpenAIChatRequestScanner.RewriteModel"/> splices.</summary>
    public OpenAIChatRequestScan ModelSplice => new() { Model = Model, ModelTokenOffset = ModelTokenOffset, ModelTokenLength = ModelTokenLength };

    public static ResponsesRequestPeek Of(ReadOnlySpan<byte> body)
    {
        var peek = new ResponsesRequestPeek();
        if (JsonTextCheck.Find(body) is { } problem)
        {
            return peek with { Error = "The request body is not valid JSON: " + problem + "." };
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = JsonTextCheck.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return peek with { Error = "The request body must be a JSON object." };
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && peek.Error is null)
            {
                peek = Property(ref reader, peek);
            }
            while (reader.Read())
            {
                // the reader itself rejects malformed or trailing content
            }
        }
        catch (JsonException ex)
        {
            return peek with { Error = "The request body is not valid JSON: " + JsonTextCheck.Describe(ex, body, reader.CurrentDepth, reader.BytesConsumed) + ".", ErrorParam = null };
        }
        return peek.Error is null ? Validate(peek) : peek;
    }

    private static ResponsesRequestPeek Property(ref Utf8JsonReader reader, ResponsesRequestPeek peek)
    {
        if (reader.ValueTextEquals("model"u8))
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return peek with { Error = "'model' must be a string.", ErrorParam = "model" };
            }
            return peek with { Model = reader.GetString(), ModelTokenOffset = (int)reader.TokenStartIndex, ModelTokenLength = reader.ValueSpan.Length + 2 };
        }
        if (reader.ValueTextEquals("stream"u8) || reader.ValueTextEquals("store"u8))
        {
            bool isStream = reader.ValueTextEquals("stream"u8);
            reader.Read();
            bool? flag = reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => null,
            };
            if (flag is null && reader.TokenType != JsonTokenType.Null)
            {
                reader.Skip();
                string name = isStream ? "stream" : "store";
                return peek with { Error = $"'{name}' must be a boolean.", ErrorParam = name };
            }
            return isStream ? peek with { Stream = flag == true } : peek with { Store = flag };
        }
        if (reader.ValueTextEquals("previous_response_id"u8))
        {
            reader.Read();
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
            {
                reader.Skip();
                return peek with { Error = "'previous_response_id' must be a string.", ErrorParam = "previous_response_id" };
            }
            return peek with { PreviousResponseId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null };
        }
        bool isInput = reader.ValueTextEquals("input"u8);
        reader.Read();
        if (isInput && reader.TokenType is not (JsonTokenType.String or JsonTokenType.StartArray or JsonTokenType.Null))
        {
            reader.Skip();
            return peek with { Error = "'input' must be a string or an array of input items.", ErrorParam = "input" };
        }
        reader.Skip();
        return isInput && reader.TokenType != JsonTokenType.Null ? peek with { HasInput = true } : peek;
    }

    private static ResponsesRequestPeek Validate(ResponsesRequestPeek peek)
    {
        if (peek.Model is null)
        {
            return peek with { Error = "'model' is required: say which model to use (provider/model, a combo name, or a model name served by one provider). GET /v1/models lists them.", ErrorParam = "model" };
        }
        if (peek.Model.Length == 0)
        {
            return peek with { Error = "'model' must not be empty.", ErrorParam = "model" };
        }
        return peek.HasInput ? peek : peek with { Error = "Missing required parameter: 'input'.", ErrorParam = "input" };
    }
}
