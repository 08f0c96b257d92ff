using System.Buffers;
using System.Text;
using System.Text.Json;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// The hot-path look at every Chat Completions request: one forward <see cref="Utf8JsonReader"/> pass that checks the
/// whole body is well-formed JSON with an object on top (its strings decodable, see <see cref="JsonTextCheck"/>) and
/// picks out what routing needs (model, stream, stream_options.include_usage, messages' shape) without building a DOM;
/// the only allocation on success is the model string. <see cref="RewriteModel"/> then splices a new model name into
/// the original bytes, so a same-protocol request is forwarded without re-serialising it.
/// </summary>
public static class OpenAIChatRequestScanner
{
    public static OpenAIChatRequestScan Scan(ReadOnlySpan<byte> body)
    {
        var scan = new OpenAIChatRequestScan();
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
        return error is null ? Validate(scan) : Fail(scan, error, param);
    }

    private static void ScanTopLevel(ref Utf8JsonReader reader, ref OpenAIChatRequestScan scan, ref string? error, ref string? param)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                ScanModel(ref reader, ref scan, ref error, ref param);
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                ScanStream(ref reader, ref scan, ref error, ref param);
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                reader.Read();
                ScanStreamOptions(ref reader, ref scan, ref error, ref param);
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                scan = scan with { HasMessages = true, MessagesIsArray = reader.TokenType == JsonTokenType.StartArray };
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static void ScanModel(ref Utf8JsonReader reader, ref OpenAIChatRequestScan scan, ref string? error, ref string? param)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            SetError(ref error, ref param, "'model' must be a string.", "model");
            reader.Skip();
            return;
        }
        int length = reader.ValueSpan.Length + 2; // the raw token between and including its quotes
        scan = scan with { Model = reader.GetString(), ModelTokenOffset = (int)reader.TokenStartIndex, ModelTokenLength = length };
    }

    private static void ScanStream(ref Utf8JsonReader reader, ref OpenAIChatRequestScan scan, ref string? error, ref string? param)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True or JsonTokenType.False:
                scan = scan with { Stream = reader.TokenType == JsonTokenType.True };
                break;
            case JsonTokenType.Null:
                scan = scan with { Stream = false }; // the SDKs send null for "not set"
                break;
            default:
                SetError(ref error, ref param, "'stream' must be a boolean.", "stream");
                reader.Skip();
                break;
        }
    }

    private static void ScanStreamOptions(ref Utf8JsonReader reader, ref OpenAIChatRequestScan scan, ref string? error, ref string? param)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            SetError(ref error, ref param, "'stream_options' must be an object.", "stream_options");
            reader.Skip();
            return;
        }
        scan = scan with { HasStreamOptions = true };
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isIncludeUsage && reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                scan = scan with { IncludeUsage = reader.TokenType == JsonTokenType.True };
            }
            else if (isIncludeUsage && reader.TokenType != JsonTokenType.Null)
            {
                SetError(ref error, ref param, "'stream_options.include_usage' must be a boolean.", "stream_options.include_usage");
            }
            reader.Skip();
        }
    }

    private static OpenAIChatRequestScan Validate(OpenAIChatRequestScan scan)
    {
        if (scan.Model is null)
        {
            return Fail(scan, "'model' is required: say which model to use (provider/model, a combo name, or a model name served by one provider). GET /v1/models lists them.", "model");
        }
        if (scan.Model.Length == 0)
        {
            return Fail(scan, "'model' must not be empty.", "model");
        }
        if (!scan.HasMessages)
        {
            return Fail(scan, "Missing required parameter: 'messages'.", "messages");
        }
        return scan.MessagesIsArray ? scan : Fail(scan, "'messages' must be an array.", "messages");
    }

    private static void SetError(ref string? error, ref string? param, string message, string at)
    {
        if (error is null)
        {
            error = message;
            param = at;
        }
    }

    private static OpenAIChatRequestScan Fail(OpenAIChatRequestScan scan, string error, string? param) =>
        scan with { Error = error, ErrorParam = param };

    /// <summary>Writes <paramref name="body"/> with only the model's value replaced by <paramref name="newModel"/>.</summary>
    public static void RewriteModel(ReadOnlySpan<byte> body, in OpenAIChatRequestScan scan, string newModel, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(newModel);
        ArgumentNullException.ThrowIfNull(output);
        if (scan.Model is null || scan.ModelTokenOffset + scan.ModelTokenLength > body.Length)
        {
            throw new ArgumentException("The scan has no model token inside this body.", nameof(scan));
        }
        Copy(body[..scan.ModelTokenOffset], output);
        WriteJsonString(newModel, output);
        Copy(body[(scan.ModelTokenOffset + scan.ModelTokenLength)..], output);
    }

    /// <summary>
    /// A JSON string literal: quotes, backslash and control characters escaped, everything else as UTF-8. Escaping
    /// bytewise is safe because every byte of a multi-byte UTF-8 sequence is ≥ 0x80.
    /// </summary>
    private static void WriteJsonString(string value, IBufferWriter<byte> output)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            int count = Encoding.UTF8.GetBytes(value, rented);
            var span = output.GetSpan(count * 6 + 2); // worst case: every byte becomes \u00XX
            int written = 0;
            span[written++] = (byte)'"';
            foreach (byte b in rented.AsSpan(0, count))
            {
                written += Escape(b, span[written..]);
            }
            span[written++] = (byte)'"';
            output.Advance(written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Escape(byte b, Span<byte> destination)
    {
        if (b == (byte)'"' || b == (byte)'\\')
        {
            destination[0] = (byte)'\\';
            destination[1] = b;
            return 2;
        }
        if (b >= 0x20)
        {
            destination[0] = b;
            return 1;
        }
        "\\u00"u8.CopyTo(destination);
        destination[4] = HexDigit(b >> 4);
        destination[5] = HexDigit(b & 0xF);
        return 6;
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);

    private static void Copy(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
