using System.Buffers;
using System.Text.Json;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// The hot-path look at every Messages request: one forward <see cref="Utf8JsonReader"/> pass that checks the whole
/// body is well-formed JSON with an object on top (its strings decodable, see <see cref="JsonTextCheck"/>) and picks
/// out what routing needs (model, stream, messages' shape, max_tokens — Anthropic requires it, so a request without it
/// is refused here as Anthropic would) without building a DOM. <see cref="RewriteModel"/> splices a new model name into
/// the original bytes.
/// </summary>
public static class AnthropicRequestScanner
{
    /// <param name="body">The request body.</param>
    /// <param name="requireMaxTokens">False for count_tokens, whose body has no max_tokens.</param>
    public static AnthropicRequestScan Scan(ReadOnlySpan<byte> body, bool requireMaxTokens = true)
    {
        var scan = new AnthropicRequestScan();
        if (JsonTextCheck.Find(body) is { } problem)
        {
            return Fail(scan, "The request body is not valid JSON: " + problem + ".", null);
        }
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = JsonTextCheck.MaxDepth });
        string? error = null, param = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The request body must be a JSON object.";
            }
            else
            {
                ScanTopLevel(ref reader, ref scan, ref error, ref param);
                while (reader.Read())
                {
                    // nothing to read: the reader itself rejects trailing content after the object
                }
            }
        }
        catch (JsonException ex)
        {
            return Fail(scan, "The request body is not valid JSON: " + JsonTextCheck.Describe(ex, body, reader.CurrentDepth, reader.BytesConsumed) + ".", null);
        }
        return error is null ? Validate(scan, requireMaxTokens) : Fail(scan, error, param);
    }

    private static void ScanTopLevel(ref Utf8JsonReader reader, ref AnthropicRequestScan scan, ref string? error, ref string? param)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isModel = reader.ValueTextEquals("model"u8), isStream = reader.ValueTextEquals("stream"u8);
            bool isMessages = reader.ValueTextEquals("messages"u8), isMaxTokens = reader.ValueTextEquals("max_tokens"u8);
            reader.Read();
            if (isModel)
            {
                ScanModel(ref reader, ref scan, ref error, ref param);
            }
            else if (isStream)
            {
                ScanStream(ref reader, ref scan, ref error, ref param);
            }
            else if (isMessages)
            {
                scan = scan with { HasMessages = true, MessagesIsArray = reader.TokenType == JsonTokenType.StartArray };
            }
            else if (isMaxTokens)
            {
                bool positive = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int maxTokens) && maxTokens > 0;
                scan = scan with { HasMaxTokens = true, MaxTokens = positive ? reader.GetInt32() : null };
            }
            reader.Skip();
        }
    }

    private static void ScanModel(ref Utf8JsonReader reader, ref AnthropicRequestScan scan, ref string? error, ref string? param)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            SetError(ref error, ref param, "model: Input should be a valid string", "model");
            return;
        }
        int length = reader.ValueSpan.Length + 2; // the raw token between and including its quotes
        scan = scan with { Model = reader.GetString(), ModelTokenOffset = (int)reader.TokenStartIndex, ModelTokenLength = length };
    }

    private static void ScanStream(ref Utf8JsonReader reader, ref AnthropicRequestScan scan, ref string? error, ref string? param)
    {
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            scan = scan with { Stream = reader.TokenType == JsonTokenType.True };
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            SetError(ref error, ref param, "stream: Input should be a valid boolean", "stream");
        }
    }

    /// <summary>Messages follow Anthropic's own wording ("field: Field required") so SDK users see familiar text.</summary>
    private static AnthropicRequestScan Validate(AnthropicRequestScan scan, bool requireMaxTokens)
    {
        if (scan.Model is null)
        {
            return Fail(scan, "model: Field required. Say which model to use (provider/model, a combo name, or a model name served by one provider); GET /v1/models lists them.", "model");
        }
        if (scan.Model.Length == 0)
        {
            return Fail(scan, "model: String should have at least 1 character", "model");
        }
        if (!scan.HasMessages)
        {
            return Fail(scan, "messages: Field required", "messages");
        }
        if (!scan.MessagesIsArray)
        {
            return Fail(scan, "messages: Input should be a valid list", "messages");
        }
        if (!requireMaxTokens && !scan.HasMaxTokens)
        {
            return scan;
        }
        if (!scan.HasMaxTokens)
        {
            return Fail(scan, "max_tokens: Field required", "max_tokens");
        }
        return scan.MaxTokens is null ? Fail(scan, "max_tokens: Input should be a positive integer", "max_tokens") : scan;
    }

    private static void SetError(ref string? error, ref string? param, string message, string at)
    {
        if (error is null)
        {
            error = message;
            param = at;
        }
    }

    private static AnthropicRequestScan Fail(AnthropicRequestScan scan, string error, string? param) =>
        scan with { Error = error, ErrorParam = param };

    /// <summary>Writes <paramref name="body"/> with only the model's value replaced by <paramref name="newModel"/>.</summary>
    public static void RewriteModel(ReadOnlySpan<byte> body, in AnthropicRequestScan scan, string newModel, IBufferWriter<byte> output)
    {
        // The splice (copy, escape the new name as a JSON string, copy) is protocol-neutral: reuse the OpenAI codec's.
        var token = new OpenAIChatRequestScan { Model = scan.Model, ModelTokenOffset = scan.ModelTokenOffset, ModelTokenLength = scan.ModelTokenLength };
        OpenAIChatRequestScanner.RewriteModel(body, token, newModel, output);
    }
}
