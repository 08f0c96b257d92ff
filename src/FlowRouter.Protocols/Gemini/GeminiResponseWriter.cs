using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Writes a <see cref="ChatResponse"/> as a GenerateContentResponse. A response read from Gemini comes back as the same
/// JSON. From another protocol: one candidate (index 0, role "model") whose parts are text, {text, thought: true} for
/// reasoning (a signature only when it is Gemini's), functionCall for tool calls (arguments made an object; ids written
/// unless this codec invented them, so a client that echoes them keeps the pairing), refusals as text; the finish
/// reason through <see cref="GeminiFinishReasons.Write"/> (tool_calls → STOP, length → MAX_TOKENS, content_filter →
/// SAFETY…), usage through <see cref="GeminiUsage"/>.
/// </summary>
public static class GeminiResponseWriter
{
    private static readonly GeminiResponseWriterOptions DefaultOptions = new();

    public static byte[] Write(ChatResponse response, GeminiResponseWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(response, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ChatResponse response, IBufferWriter<byte> output, GeminiResponseWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        options ??= DefaultOptions;
        using var json = new Utf8JsonWriter(output, GeminiJson.Writer);
        var writer = new JsonFieldWriter(WireProtocol.Gemini, json);
        var context = new GeminiWriteContext(new GeminiNames(), new GeminiRequestWriterOptions(), sameProtocol: true);
        bool gemini = GeminiJson.Has(response.Extensions, GeminiWire.SourceMarker);
        writer.StartObject();
        if (!GeminiJson.Has(response.Extensions, GeminiResponseReader.NoCandidatesMarker))
        {
            writer.StartArray("candidates");
            WriteCandidate(writer, response, context, gemini);
            if (GeminiJson.Get(response.Extensions, GeminiResponseReader.MoreCandidatesMarker) is { } more)
            {
                using var document = JsonDocument.Parse(more);
                foreach (var candidate in document.RootElement.EnumerateArray())
                {
                    json.WriteRawValue(candidate.GetRawText());
                }
            }
            writer.EndArray();
        }
        if (response.Usage is { } usage)
        {
            GeminiUsage.Write(writer, usage);
        }
        writer.String("modelVersion", options.Model ?? response.Model);
        writer.String("responseId", response.Id.Length > 0 ? response.Id : options.Id ?? NewId());
        GeminiJson.WriteLevel(writer, response.Extensions);
        writer.EndObject();
    }

    internal static string NewId() => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void WriteCandidate(JsonFieldWriter writer, ChatResponse response, GeminiWriteContext context, bool gemini)
    {
        var choice = response.ChoiceExtensions;
        writer.StartObject();
        if (!GeminiJson.Has(choice, GeminiResponseReader.NoContentMarker))
        {
            writer.StartObject("content");
            var parts = response.Message.Parts.FindAll(p => p is not RawPart raw || raw.Source == WireProtocol.Gemini);
            if (parts.Count > 0)
            {
                GeminiPartWriter.WriteArray(writer, "parts", parts, context);
            }
            if (!gemini)
            {
                writer.String("role", GeminiWire.ModelRole);
            }
            GeminiJson.WriteLevel(writer, choice, "content.");
            writer.EndObject();
        }
        if (response.FinishReason is { } finish)
        {
            bool calls = response.Message.Parts.Exists(p => p is ToolCallPart);
            string? raw = GeminiPartWriter.Unquote(GeminiJson.Get(choice, "finishReason"));
            writer.String("finishReason", GeminiFinishReasons.Write(finish, raw, calls));
        }
        if (!gemini)
        {
            writer.Number("index", 0);
        }
        GeminiJson.WriteLevel(writer, choice);
        writer.EndObject();
    }
}
