using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// The request settings a response object repeats back. Each field is written only when the object does not have it
/// yet (an upstream's own echo, kept raw, wins); values come from the client's request, else the API's defaults —
/// every field is present because OpenAI always sends them and SDKs type several as required.
/// </summary>
internal static class ResponsesEcho
{
    public static void Write(JsonFieldWriter writer, ChatRequest? request)
    {
        Field(writer, "instructions", w =>
        {
            var texts = request?.System.OfType<TextPart>().Select(t => t.Text).ToList();
            w.Json.WriteStringValue(texts is { Count: > 0 } ? string.Join("\n\n", texts) : null);
        });
        Field(writer, "max_output_tokens", w => NumberOrNull(w, request?.MaxOutputTokens));
        Field(writer, "parallel_tool_calls", w => w.Json.WriteBooleanValue(request?.ParallelToolCalls ?? true));
        Field(writer, "previous_response_id", w => w.Json.WriteStringValue(request?.PreviousResponseId));
        Field(writer, "reasoning", w =>
        {
            w.Json.WriteStartObject();
            w.Json.WriteString("effort", request?.Reasoning is { } reasoning ? ResponsesReasoning.EffortFor(reasoning) : null);
            w.Json.WriteString("summary", request?.Reasoning?.Summary);
            w.Json.WriteEndObject();
        });
        Field(writer, "store", w => w.Json.WriteBooleanValue(request?.Store ?? true));
        Field(writer, "temperature", w => w.Json.WriteNumberValue(request?.Temperature ?? 1.0));
        Field(writer, "text", w =>
        {
            w.StartObject();
            ResponsesTextFormat.Write(w, request?.ResponseFormat ?? new ResponseFormat(ResponseFormatKind.Text));
            w.EndObject();
        });
        Field(writer, "tool_choice", w => WriteToolChoice(w, request));
        Field(writer, "tools", w =>
        {
            w.Json.WriteStartArray();
            foreach (var tool in request?.Tools ?? [])
            {
                ResponsesToolWriter.Write(w, tool);
            }
            w.Json.WriteEndArray();
        });
        Field(writer, "top_p", w => w.Json.WriteNumberValue(request?.TopP ?? 1.0));
        Field(writer, "truncation", w => w.Json.WriteStringValue(request?.Truncation ?? "disabled"));
        Field(writer, "user", w => w.Json.WriteStringValue(request?.User));
        Field(writer, "metadata", w => w.Json.WriteRawValue(request?.MetadataJson ?? "{}"));
    }

    private static void Field(JsonFieldWriter writer, string name, Action<JsonFieldWriter> write)
    {
        if (!writer.Has(name))
        {
            writer.Name(name);
            write(writer);
        }
    }

    private static void NumberOrNull(JsonFieldWriter writer, int? value)
    {
        if (value is { } number)
        {
            writer.Json.WriteNumberValue(number);
        }
        else
        {
            writer.Json.WriteNullValue();
        }
    }

    private static void WriteToolChoice(JsonFieldWriter writer, ChatRequest? request)
    {
        var choice = request?.ToolChoice;
        if (choice is null || choice.Mode != ToolChoiceMode.Tool)
        {
            writer.Json.WriteStringValue(ResponsesToolWriter.Word(choice?.Mode ?? ToolChoiceMode.Auto));
            return;
        }
        var tool = request!.Tools.Find(t => t.Name == choice.ToolName);
        writer.StartObject();
        writer.String("type", tool?.Kind == ToolKind.Custom ? "custom" : "function");
        writer.String("name", choice.ToolName);
        writer.EndObject();
    }
}
