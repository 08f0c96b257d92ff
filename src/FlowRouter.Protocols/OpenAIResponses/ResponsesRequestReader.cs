using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Reads an OpenAI Responses request body (POST /v1/responses) into a <see cref="ChatRequest"/>: instructions become
/// <see cref="ChatRequest.System"/>, input items become messages (see <see cref="ResponsesItemReader"/>), tools,
/// tool_choice, reasoning and text.format their canonical slots. Unknown fields and explicit nulls are kept raw in
/// the extensions of their level, so a same-protocol write gives back the same JSON. Invalid input throws
/// <see cref="ResponsesFormatException"/> naming the JSON path.
/// </summary>
public static class ResponsesRequestReader
{
    /// <summary>Marks a request whose input was one string rather than a list of items (a dotted key: never written as a field).</summary>
    internal const string InputStringMarker = "marker.input_string";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static ChatRequest Read(ReadOnlyMemory<byte> utf8Json)
    {
        if (JsonTextCheck.Find(utf8Json.Span) is { } problem)
        {
            throw new ResponsesFormatException(null, "the body is not valid JSON: " + problem);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ResponsesFormatException(null, "the body is not valid JSON: " + ex.Message, ex);
        }
        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static ChatRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ResponsesFormatException(null, "the body must be a JSON object");
        }
        var request = new ChatRequest();
        JsonExtensions? extensions = null;
        bool hasModel = false;
        foreach (var property in root.EnumerateObject())
        {
            hasModel |= property.Name == "model";
            if (property.Value.ValueKind == JsonValueKind.Null && property.Name != "model")
            {
                Keep(ref extensions, property.Name, property.Value); // explicit null: no canonical slot
            }
            else if (!ReadProperty(request, property.Name, property.Value, ref extensions))
            {
                Keep(ref extensions, property.Name, property.Value);
            }
        }
        if (!hasModel)
        {
            throw new ResponsesFormatException("model", "required property is missing");
        }
        request.Extensions = extensions;
        return request;
    }

    private static bool ReadProperty(ChatRequest request, string name, JsonElement value, ref JsonExtensions? extensions)
    {
        switch (name)
        {
            case "model":
                request.Model = String(value, name);
                return true;
            case "input":
                ReadInput(request, value, ref extensions);
                return true;
            case "instructions" when value.ValueKind == JsonValueKind.String:
                request.System.Add(new TextPart(value.GetString()!));
                request.SystemIsString = true;
                return true;
            case "stream":
                request.Stream = Bool(value, name);
                return request.Stream; // an explicit false is kept raw so it is written back
            case "max_output_tokens":
                request.MaxOutputTokens = Int(value, name);
                request.MaxOutputTokensField = name;
                return true;
            case "temperature":
                request.Temperature = Double(value, name);
                return true;
            case "top_p":
                request.TopP = Double(value, name);
                return true;
            default:
                return ReadTooling(request, name, value) || ReadOutput(request, name, value, ref extensions) || ReadState(request, name, value);
        }
    }

    private static void ReadInput(ChatRequest request, JsonElement value, ref JsonExtensions? extensions)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var message = new ChatMessage(ChatRole.User) { ContentIsString = true };
            message.Parts.Add(new TextPart(value.GetString()!));
            request.Messages.Add(message);
            Mark(ref extensions, InputStringMarker);
            return;
        }
        var items = new ResponsesItemReader(singleTurn: false);
        items.ReadAll(value, "input");
        request.Messages.AddRange(items.Messages);
    }

    private static bool ReadTooling(ChatRequest request, string name, JsonElement value)
    {
        switch (name)
        {
            case "tools":
                ResponsesToolReader.ReadTools(value, name, request.Tools);
                return true;
            case "tool_choice":
                request.ToolChoice = ResponsesToolReader.ReadToolChoice(value, name);
                return request.ToolChoice is not null;
            case "parallel_tool_calls":
                request.ParallelToolCalls = Bool(value, name);
                return true;
            default:
                return false;
        }
    }

    private static bool ReadOutput(ChatRequest request, string name, JsonElement value, ref JsonExtensions? extensions)
    {
        switch (name)
        {
            case "reasoning":
                ReadReasoning(request, Object(value, name), ref extensions);
                return true;
            case "text":
                ReadText(request, Object(value, name), ref extensions);
                return true;
            case "include":
                Array(value, name);
                request.Include = [];
                int index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    request.Include.Add(String(item, Index(name, index++)));
                }
                return true;
            default:
                return false;
        }
    }

    private static bool ReadState(ChatRequest request, string name, JsonElement value)
    {
        switch (name)
        {
            case "store":
                request.Store = Bool(value, name);
                return true;
            case "previous_response_id":
                request.PreviousResponseId = String(value, name);
                return true;
            case "truncation":
                request.Truncation = String(value, name);
                return true;
            case "user":
                request.User = String(value, name);
                return true;
            case "metadata":
                request.MetadataJson = Object(value, name).GetRawText();
                return true;
            default:
                return false;
        }
    }

    /// <summary>reasoning {effort, summary}: string values map, anything else (nulls, new fields) stays as "reasoning.x".</summary>
    private static void ReadReasoning(ChatRequest request, JsonElement value, ref JsonExtensions? extensions)
    {
        var options = new ReasoningOptions();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name == "effort" && property.Value.ValueKind == JsonValueKind.String)
            {
                options = options with { Effort = property.Value.GetString() };
            }
            else if (property.Name == "summary" && property.Value.ValueKind == JsonValueKind.String)
            {
                options = options with { Summary = property.Value.GetString() };
            }
            else
            {
                Keep(ref extensions, "reasoning." + property.Name, property.Value);
            }
        }
        Mark(ref extensions, ResponsesReasoning.ObjectMarker);
        request.Reasoning = options;
    }

    /// <summary>text {format, verbosity…}: a format of a known shape maps, everything else stays as "text.x".</summary>
    private static void ReadText(ChatRequest request, JsonElement value, ref JsonExtensions? extensions)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name == "format" && ResponsesTextFormat.Read(property.Value) is { } format)
            {
                request.ResponseFormat = format;
            }
            else
            {
                Keep(ref extensions, "text." + property.Name, property.Value);
            }
        }
        Mark(ref extensions, ResponsesTextFormat.ObjectMarker);
    }
}
