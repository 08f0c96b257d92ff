using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Writes a <see cref="ChatRequest"/> as a Gemini generateContent request body (the model goes in the URL, not here).
/// A request read from Gemini comes back as the same JSON (key order aside, field spellings kept). One from another
/// protocol is made valid for Gemini: the conversation through <see cref="GeminiTurnBuilder"/>, tools and toolConfig
/// through <see cref="GeminiToolWriter"/>, generationConfig through <see cref="GeminiConfigWriter"/>; OpenAI's user,
/// metadata and parallel_tool_calls have no Gemini field and are dropped, as are other protocols' extensions.
/// </summary>
public static class GeminiRequestWriter
{
    private static readonly GeminiRequestWriterOptions DefaultOptions = new();

    public static byte[] Write(ChatRequest request, GeminiRequestWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(request, buffer, options);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(ChatRequest request, IBufferWriter<byte> output, GeminiRequestWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= DefaultOptions;
        var names = GeminiNames.From(request.Extensions);
        var context = new GeminiWriteContext(names, options, GeminiJson.Has(request.Extensions, GeminiWire.SourceMarker));
        using var json = new Utf8JsonWriter(output, GeminiJson.Writer);
        var writer = new JsonFieldWriter(WireProtocol.Gemini, json);
        writer.StartObject();
        var system = new List<ContentPart>();
        var turns = GeminiTurnBuilder.Build(request, context, system);
        WriteContents(writer, turns, context);
        WriteSystem(writer, request, system, context);
        bool wroteFunctions = GeminiToolWriter.WriteTools(writer, request, context);
        GeminiToolWriter.WriteToolConfig(writer, request, context, wroteFunctions);
        GeminiConfigWriter.Write(writer, request, context);
        GeminiJson.WriteLevel(writer, request.Extensions);
        writer.EndObject();
    }

    private static void WriteContents(JsonFieldWriter writer, List<GeminiTurn> turns, GeminiWriteContext context)
    {
        writer.StartArray("contents");
        foreach (var turn in turns)
        {
            writer.StartObject();
            if (!GeminiJson.Has(turn.Source?.Extensions, GeminiWire.NoRoleMarker))
            {
                writer.String("role", turn.Role);
            }
            GeminiPartWriter.WriteArray(writer, "parts", turn.Parts, context);
            GeminiJson.WriteLevel(writer, turn.Source?.Extensions);
            writer.EndObject();
        }
        writer.EndArray();
    }

    private static void WriteSystem(JsonFieldWriter writer, ChatRequest request, List<ContentPart> system, GeminiWriteContext context)
    {
        bool kept = GeminiJson.HasUnder(request.Extensions, "systemInstruction.");
        if (system.Count == 0 && !kept)
        {
            return;
        }
        writer.StartObject(context.Names.Spell("systemInstruction"));
        GeminiPartWriter.WriteArray(writer, "parts", system, context);
        GeminiJson.WriteLevel(writer, request.Extensions, "systemInstruction.");
        writer.EndObject();
    }
}
