using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Reads an OpenAI Chat Completions request body into a <see cref="ChatRequest"/>. Fields without a canonical slot,
/// and explicit nulls of optional fields, are kept raw in the extensions of their level so a same-protocol write
/// gives back the same JSON. Invalid input throws <see cref="OpenAIChatFormatException"/> naming the JSON path.
/// </summary>
public static class OpenAIChatRequestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static ChatRequest Read(ReadOnlyMemory<byte> utf8Json)
    {
        if (JsonTextCheck.Find(utf8Json.Span) is { } problem)
        {
            throw new OpenAIChatFormatException(null, "the body is not valid JSON: " + problem);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new OpenAIChatFormatException(null, "the body is not valid JSON: " + ex.Message, ex);
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
            throw new OpenAIChatFormatException(null, "the body must be a JSON object");
        }
        var request = new ChatRequest();
        JsonExtensions? extensions = null;
        bool hasModel = false, hasMessages = false;
        foreach (var property in root.EnumerateObject())
        {
            hasModel |= property.Name == "model";
            hasMessages |= property.Name == "messages";
            if (property.Value.ValueKind == JsonValueKind.Null && property.Name is not ("model" or "messages"))
            {
                JsonRead.Keep(ref extensions, property.Name, property.Value); // explicit null: no canonical slot
                continue;
            }
            if (!ReadProperty(request, property.Name, property.Value))
            {
                JsonRead.Keep(ref extensions, property.Name, property.Value);
            }
        }
        if (!hasModel || !hasMessages)
        {
            throw new OpenAIChatFormatException(hasModel ? "messages" : "model", "required property is missing");
        }
        request.Extensions = extensions;
        return request;
    }

    /// <summary>Maps one top-level field; false when it has no canonical slot and must be kept raw.</summary>
    private static bool ReadProperty(ChatRequest request, string name, JsonElement value)
    {
        switch (name)
        {
            case "model":
                request.Model = JsonRead.String(value, name);
                return true;
            case "messages":
                ReadMessages(request, value);
                return true;
            case "stream":
                request.Stream = JsonRead.Bool(value, name);
                return request.Stream; // an explicit false is kept raw so it is written back
            case "stream_options":
                return ReadStreamOptions(request, value);
            case "max_tokens" or "max_completion_tokens" when request.MaxOutputTokensField is null:
                request.MaxOutputTokens = JsonRead.Int(value, name);
                request.MaxOutputTokensField = name;
                return true;
            default:
                return ReadSampling(request, name, value) || ReadTooling(request, name, value) || ReadOther(request, name, value);
        }
    }

    private static bool ReadSampling(ChatRequest request, string name, JsonElement value)
    {
        switch (name)
        {
            case "temperature":
                request.Temperature = JsonRead.Double(value, name);
                return true;
            case "top_p":
                request.TopP = JsonRead.Double(value, name);
                return true;
            case "top_k" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int topK):
                request.TopK = topK; // not OpenAI's, but vLLM, Together and others accept it on this wire
                return true;
            case "frequency_penalty":
                request.FrequencyPenalty = JsonRead.Double(value, name);
                return true;
            case "presence_penalty":
                request.PresencePenalty = JsonRead.Double(value, name);
                return true;
            case "seed":
                request.Seed = JsonRead.Long(value, name);
                return true;
            case "stop":
                ReadStop(request, value);
                return true;
            default:
                return false;
        }
    }

    private static bool ReadTooling(ChatRequest request, string name, JsonElement value)
    {
        switch (name)
        {
            case "tools" when !request.LegacyFunctions:
                OpenAIChatToolReader.ReadTools(value, name, request.Tools);
                return true;
            case "functions" when request.Tools.Count == 0:
                OpenAIChatToolReader.ReadFunctions(value, name, request.Tools);
                request.LegacyFunctions = true;
                return true;
            case "tool_choice" when request.ToolChoice is null:
                request.ToolChoice = OpenAIChatToolReader.ReadToolChoice(value, name);
                return request.ToolChoice is not null;
            case "function_call" when request.ToolChoice is null:
                request.ToolChoice = OpenAIChatToolReader.ReadFunctionChoice(value, name);
                request.LegacyFunctions |= request.ToolChoice is not null;
                return request.ToolChoice is not null;
            case "parallel_tool_calls":
                request.ParallelToolCalls = JsonRead.Bool(value, name);
                return true;
            default:
                return false;
        }
    }

    private static bool ReadOther(ChatRequest request, string name, JsonElement value)
    {
        switch (name)
        {
            case "response_format":
                request.ResponseFormat = OpenAIChatResponseFormatJson.Read(value, name);
                return request.ResponseFormat is not null;
            case "reasoning_effort":
                request.Reasoning = new ReasoningOptions { Effort = JsonRead.String(value, name) };
                return true;
            case "user":
                request.User = JsonRead.String(value, name);
                return true;
            case "metadata":
                request.MetadataJson = JsonRead.Object(value, name).GetRawText();
                return true;
            default:
                return false;
        }
    }

    private static void ReadMessages(ChatRequest request, JsonElement value)
    {
        JsonRead.Array(value, "messages");
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            request.Messages.Add(OpenAIChatMessageReader.Read(item, JsonRead.Index("messages", index++), isResponse: false));
        }
    }

    private static void ReadStop(ChatRequest request, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            request.StopSequences = [value.GetString()!];
            request.StopIsString = true;
            return;
        }
        JsonRead.Array(value, "stop");
        request.StopSequences = [];
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            request.StopSequences.Add(JsonRead.String(item, JsonRead.Index("stop", index++)));
        }
    }

    /// <summary>
    /// include_usage maps to the canonical flag; anything beyond {"include_usage": true} is also kept raw, and the
    /// writer reuses that raw object only while the flag still agrees with it.
    /// </summary>
    private static bool ReadStreamOptions(ChatRequest request, JsonElement value)
    {
        JsonRead.Object(value, "stream_options");
        bool onlyIncludeUsage = true;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name == "include_usage" && property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                request.StreamIncludeUsage = property.Value.ValueKind == JsonValueKind.True;
                onlyIncludeUsage &= request.StreamIncludeUsage;
            }
            else
            {
                onlyIncludeUsage = false;
            }
        }
        return onlyIncludeUsage && request.StreamIncludeUsage;
    }
}
