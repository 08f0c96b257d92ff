using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Reads an Anthropic Messages request body into a <see cref="ChatRequest"/>. Fields without a canonical slot, and
/// explicit nulls of optional fields, are kept raw in the extensions of their level so a same-protocol write gives
/// back the same JSON. Invalid input throws <see cref="AnthropicFormatException"/> naming the JSON path.
/// </summary>
public static class AnthropicRequestReader
{
    public static ChatRequest Read(ReadOnlyMemory<byte> utf8Json)
    {
        if (JsonTextCheck.Find(utf8Json.Span) is { } problem)
        {
            throw new AnthropicFormatException(null, "the body is not valid JSON: " + problem);
        }
        using var document = AnthropicJsonRead.Parse(utf8Json, "the body");
        return Read(document.RootElement);
    }

    public static ChatRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AnthropicFormatException(null, "the body must be a JSON object");
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
                AnthropicJsonRead.Keep(ref extensions, property.Name, property.Value); // explicit null: no canonical slot
            }
            else if (!ReadProperty(request, property.Name, property.Value, ref extensions))
            {
                AnthropicJsonRead.Keep(ref extensions, property.Name, property.Value);
            }
        }
        if (!hasModel || !hasMessages)
        {
            throw new AnthropicFormatException(hasModel ? "messages" : "model", "required property is missing");
        }
        request.Extensions = extensions;
        return request;
    }

    /// <summary>Maps one top-level field; false when it has no canonical slot and must be kept raw.</summary>
    private static bool ReadProperty(ChatRequest request, string name, JsonElement value, ref JsonExtensions? extensions)
    {
        switch (name)
        {
            case "model":
                request.Model = AnthropicJsonRead.String(value, name);
                return true;
            case "messages":
                ReadMessages(request, value);
                return true;
            case "system":
                AnthropicBlockReader.ReadContent(request.System, value, name, out bool isString);
                request.SystemIsString = isString;
                return true;
            case "max_tokens":
                request.MaxOutputTokens = AnthropicJsonRead.Int(value, name);
                request.MaxOutputTokensField = name;
                return true;
            case "stream":
                request.Stream = AnthropicJsonRead.Bool(value, name);
                return request.Stream; // an explicit false is kept raw so it is written back
            default:
                return ReadSampling(request, name, value) || ReadOther(request, name, value, ref extensions);
        }
    }

    private static bool ReadSampling(ChatRequest request, string name, JsonElement value)
    {
        switch (name)
        {
            case "temperature":
                request.Temperature = AnthropicJsonRead.Double(value, name);
                return true;
            case "top_p":
                request.TopP = AnthropicJsonRead.Double(value, name);
                return true;
            case "top_k":
                request.TopK = AnthropicJsonRead.Int(value, name);
                return true;
            case "stop_sequences":
                request.StopSequences = ReadStrings(value, name);
                return true;
            default:
                return false;
        }
    }

    private static bool ReadOther(ChatRequest request, string name, JsonElement value, ref JsonExtensions? extensions)
    {
        switch (name)
        {
            case "tools":
                AnthropicToolReader.ReadTools(value, name, request.Tools);
                return true;
            case "tool_choice":
                request.ToolChoice = AnthropicToolReader.ReadToolChoice(value, name, ref extensions);
                return request.ToolChoice is not null;
            case "thinking":
                return AnthropicReasoningReader.ReadThinking(request, value, ref extensions);
            case "output_config":
                AnthropicReasoningReader.ReadOutputConfig(request, value, ref extensions);
                return true;
            case "output_format":
                return AnthropicReasoningReader.ReadOutputFormat(request, value, ref extensions);
            case "metadata":
                ReadMetadata(request, value, ref extensions);
                return true;
            default:
                return false; // service_tier, container, mcp_servers, context_management… forwarded raw
        }
    }

    /// <summary>metadata.user_id is the end-user id; Anthropic defines no other metadata field, but any is kept raw.</summary>
    private static void ReadMetadata(ChatRequest request, JsonElement value, ref JsonExtensions? extensions)
    {
        AnthropicJsonRead.Object(value, "metadata");
        bool any = false;
        foreach (var property in value.EnumerateObject())
        {
            any = true;
            if (property.Name == "user_id" && property.Value.ValueKind == JsonValueKind.String)
            {
                request.User = property.Value.GetString();
            }
            else
            {
                AnthropicJsonRead.Keep(ref extensions, "metadata." + property.Name, property.Value);
            }
        }
        if (!any)
        {
            AnthropicJsonRead.Keep(ref extensions, "metadata", value); // "metadata": {} comes back as sent
        }
    }

    private static void ReadMessages(ChatRequest request, JsonElement value)
    {
        AnthropicJsonRead.Array(value, "messages");
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            request.Messages.Add(ReadMessage(item, AnthropicJsonRead.Index("messages", index++)));
        }
    }

    internal static ChatMessage ReadMessage(JsonElement element, string path)
    {
        AnthropicJsonRead.Object(element, path);
        var message = new ChatMessage(new ChatRole(AnthropicJsonRead.RequiredString(element, "role", path)));
        JsonExtensions? extensions = null;
        bool hasContent = false;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "role":
                    break;
                case "content":
                    hasContent = true;
                    AnthropicBlockReader.ReadContent(message.Parts, property.Value, AnthropicJsonRead.Join(path, "content"), out bool isString);
                    message.ContentIsString = isString;
                    break;
                default:
                    AnthropicJsonRead.Keep(ref extensions, property.Name, property.Value);
                    break;
            }
        }
        if (!hasContent)
        {
            throw new AnthropicFormatException(AnthropicJsonRead.Join(path, "content"), "required property is missing");
        }
        message.Extensions = extensions;
        return message;
    }

    private static List<string> ReadStrings(JsonElement value, string path)
    {
        AnthropicJsonRead.Array(value, path);
        var result = new List<string>();
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            result.Add(AnthropicJsonRead.String(item, AnthropicJsonRead.Index(path, index++)));
        }
        return result;
    }
}
