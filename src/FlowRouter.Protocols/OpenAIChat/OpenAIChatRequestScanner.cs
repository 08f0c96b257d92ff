using System.Buffers;
using System.Text.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// One forward pass over a chat request with <see cref="Utf8JsonReader"/>: proves the whole body is well-formed JSON,
/// picks out model/stream/stream_options, and checks the fields every request needs. Allocates only the model string.
/// Deeper validation is the upstream's job: it knows its own limits, and its error reaches the client unchanged.
/// </summary>
public static class OpenAIChatRequestScanner
{
    public static OpenAIChatScan Scan(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return OpenAIChatScan.Fail("The request body must be a JSON object.");
            }
            var scan = ScanTopLevel(ref reader, out bool sawMessages);
            if (scan.Error is not null)
            {
                return scan;
            }
            if (reader.Read())
            {
                return OpenAIChatScan.Fail("The request body has data after the JSON object.");
            }
            return Validate(scan, sawMessages);
        }
        catch (JsonException ex)
        {
            return OpenAIChatScan.Fail($"The request body is not valid JSON: {Describe(ex)}");
        }
    }

    private static OpenAIChatScan ScanTopLevel(ref Utf8JsonReader reader, out bool sawMessages)
    {
        var scan = new OpenAIChatScan();
        sawMessages = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return OpenAIChatScan.Fail("'model' must be a string, e.g. \"openai/gpt-4.1-mini\".", "model");
                }
                int start = (int)reader.TokenStartIndex;
                scan = scan with { Model = reader.GetString(), ModelTokenStart = start, ModelTokenLength = (int)reader.BytesConsumed - start };
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return OpenAIChatScan.Fail("'messages' must be an array of message objects.", "messages");
                }
                sawMessages = true;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    return OpenAIChatScan.Fail("'stream' must be true or false.", "stream");
                }
                scan = scan with { Stream = reader.TokenType == JsonTokenType.True };
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                reader.Read();
                scan = ReadStreamOptions(ref reader, scan);
                if (scan.Error is not null)
                {
                    return scan;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return scan;
    }

    private static OpenAIChatScan ReadStreamOptions(ref Utf8JsonReader reader, OpenAIChatScan scan)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return scan;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return OpenAIChatScan.Fail("'stream_options' must be an object.", "stream_options");
        }
        scan = scan with { HasStreamOptions = true };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isIncludeUsage)
            {
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return OpenAIChatScan.Fail("'stream_options.include_usage' must be true or false.", "stream_options.include_usage");
                }
                scan = scan with { IncludeUsage = reader.TokenType == JsonTokenType.True };
            }
            else
            {
                reader.Skip();
            }
        }
        return scan;
    }

    private static OpenAIChatScan Validate(OpenAIChatScan scan, bool sawMessages)
    {
        if (scan.Model is null)
        {
            return OpenAIChatScan.Fail("'model' is required: say which model to use (provider/model, a combo name, or a model name). GET /v1/models lists them.", "model");
        }
        if (string.IsNullOrWhiteSpace(scan.Model))
        {
            return OpenAIChatScan.Fail("'model' must not be empty.", "model");
        }
        if (!sawMessages)
        {
            return OpenAIChatScan.Fail("'messages' is required: an array of {\"role\",\"content\"} objects.", "messages");
        }
        return scan;
    }

    /// <summary>Writes <paramref name="body"/> with only the model's value replaced, escaped as JSON requires.</summary>
    public static void RewriteModel(ReadOnlySpan<byte> body, in OpenAIChatScan scan, string model, IBufferWriter<byte> output)
    {
        output.Write(body[..scan.ModelTokenStart]);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStringValue(model);
        }
        output.Write(body[(scan.ModelTokenStart + scan.ModelTokenLength)..]);
    }

    /// <summary>Keeps the parser's position but drops its exception-type jargon.</summary>
    private static string Describe(JsonException ex)
    {
        string message = ex.Message;
        int bytePosition = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return bytePosition > 0 ? message[..bytePosition].TrimEnd('.', ' ') + $" (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})." : message;
    }
}
