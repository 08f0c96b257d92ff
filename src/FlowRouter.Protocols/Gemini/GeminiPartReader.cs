using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Reads one Gemini Part into a canonical part:
/// <list type="bullet">
/// <item>text → <see cref="TextPart"/>; with "thought": true → <see cref="ReasoningPart"/> (thoughtSignature is its
/// Signature; its extension bag is tagged Gemini, which is how writers know the signature is Gemini's);</item>
/// <item>thoughtSignature on a non-thought text part stays in the part's extensions (written back only to Gemini);</item>
/// <item>inlineData → <see cref="ImagePart"/> for image/*, else <see cref="FilePart"/>, base64 normalised to the
/// standard alphabet (<see cref="GeminiBase64"/>); fileData → the same parts by URL;</item>
/// <item>functionCall → <see cref="ToolCallPart"/> (thoughtSignature is its Signature; a missing id is left empty for
/// the caller to fill, see <see cref="GeminiToolIds"/>); functionResponse → <see cref="ToolResultPart"/> whose one
/// text part is the raw response object (IsError when it carries "error" and no "output");</item>
/// <item>anything else (executableCode, codeExecutionResult, toolCall…) → <see cref="RawPart"/>, same protocol only.</item>
/// </list>
/// Fields beside the mapped ones stay raw in the part's extensions ("functionCall.willContinue", "videoMetadata"…).
/// </summary>
internal static class GeminiPartReader
{
    public static ContentPart Read(JsonElement part, string path, GeminiNames names)
    {
        GeminiJson.Object(part, path);
        JsonExtensions? extensions = null;
        ContentPart? result = null;
        string? signature = null;
        bool thought = false;
        string? firstUnknown = null;
        foreach (var property in part.EnumerateObject())
        {
            string name = names.Canon(property.Name);
            string at = GeminiJson.Join(path, property.Name);
            switch (name)
            {
                case "text" when result is null:
                    result = new TextPart(GeminiJson.String(property.Value, at));
                    break;
                case "inlineData" when result is null:
                    result = ReadInlineData(property.Value, at, names, ref extensions);
                    break;
                case "fileData" when result is null:
                    result = ReadFileData(property.Value, at, names, ref extensions);
                    break;
                case "functionCall" when result is null:
                    result = ReadFunctionCall(property.Value, at, names, ref extensions);
                    break;
                case "functionResponse" when result is null:
                    result = ReadFunctionResponse(property.Value, at, names, ref extensions);
                    break;
                case "thought" when property.Value.ValueKind == JsonValueKind.True:
                    thought = true;
                    break;
                case "thoughtSignature" when property.Value.ValueKind == JsonValueKind.String:
                    signature = property.Value.GetString();
                    GeminiJson.Keep(ref extensions, property.Name, property.Value);
                    break;
                default:
                    firstUnknown ??= property.Name;
                    GeminiJson.Keep(ref extensions, property.Name, property.Value);
                    break;
            }
        }
        return Finish(part, path, result, extensions, signature, thought, firstUnknown);
    }

    private static ContentPart Finish(JsonElement part, string path, ContentPart? result, JsonExtensions? extensions, string? signature, bool thought, string? firstUnknown)
    {
        switch (result)
        {
            case null:
                return new RawPart(WireProtocol.Gemini, firstUnknown ?? "empty", part.GetRawText());
            case TextPart text when thought:
                extensions?.Remove(GeminiWire.ThoughtSignature);
                return new ReasoningPart { Text = text.Text, Signature = signature, Extensions = extensions ?? new JsonExtensions(WireProtocol.Gemini) };
            case ToolCallPart call:
                extensions?.Remove(GeminiWire.ThoughtSignature);
                call.Signature = signature;
                break;
            default:
                if (thought)
                {
                    throw new GeminiFormatException(GeminiJson.Join(path, "thought"), "only a text part can be a thought");
                }
                break;
        }
        result.Extensions = extensions ?? result.Extensions;
        return result;
    }

    private static ContentPart ReadInlineData(JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        GeminiJson.Object(value, path);
        string? mimeType = null, data = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (names.Canon(property.Name))
            {
                case "mimeType":
                    mimeType = GeminiJson.String(property.Value, GeminiJson.Join(path, property.Name));
                    break;
                case "data":
                    data = GeminiJson.String(property.Value, GeminiJson.Join(path, property.Name));
                    break;
                default:
                    GeminiJson.Keep(ref extensions, "inlineData." + property.Name, property.Value);
                    break;
            }
        }
        if (data is null || mimeType is null)
        {
            throw new GeminiFormatException(GeminiJson.Join(path, data is null ? "data" : "mimeType"), "required property is missing");
        }
        if (!GeminiBase64.TryNormalise(data, out string standard, out string? style))
        {
            throw new GeminiFormatException(GeminiJson.Join(path, "data"), "is not valid base64");
        }
        if (style is not null)
        {
            GeminiJson.KeepRaw(ref extensions, GeminiWire.Base64Marker, "\"" + style + "\"");
        }
        return IsImage(mimeType)
            ? new ImagePart { MediaType = mimeType, Base64Data = standard }
            : new FilePart { MediaType = mimeType, Base64Data = standard };
    }

    private static ContentPart ReadFileData(JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        GeminiJson.Object(value, path);
        string? mimeType = null, uri = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (names.Canon(property.Name))
            {
                case "mimeType":
                    mimeType = GeminiJson.String(property.Value, GeminiJson.Join(path, property.Name));
                    break;
                case "fileUri":
                    uri = GeminiJson.String(property.Value, GeminiJson.Join(path, property.Name));
                    break;
                default:
                    GeminiJson.Keep(ref extensions, "fileData." + property.Name, property.Value);
                    break;
            }
        }
        if (uri is null)
        {
            throw new GeminiFormatException(GeminiJson.Join(path, "fileUri"), "required property is missing");
        }
        extensions ??= new JsonExtensions(WireProtocol.Gemini); // a missing mimeType stays missing on a Gemini write
        return mimeType is not null && IsImage(mimeType)
            ? new ImagePart { MediaType = mimeType, Url = uri }
            : new FilePart { MediaType = mimeType, Url = uri };
    }

    private static ToolCallPart ReadFunctionCall(JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        GeminiJson.Object(value, path);
        string? name = null, id = null, args = null;
        foreach (var property in value.EnumerateObject())
        {
            string at = GeminiJson.Join(path, property.Name);
            switch (names.Canon(property.Name))
            {
                case "name":
                    name = GeminiJson.String(property.Value, at);
                    break;
                case "id":
                    id = GeminiJson.String(property.Value, at);
                    break;
                case "args":
                    args = GeminiJson.Object(property.Value, at).GetRawText();
                    break;
                default:
                    GeminiJson.Keep(ref extensions, "functionCall." + property.Name, property.Value);
                    break;
            }
        }
        if (name is null)
        {
            throw new GeminiFormatException(GeminiJson.Join(path, "name"), "required property is missing");
        }
        if (args is null)
        {
            GeminiJson.KeepRaw(ref extensions, GeminiWire.NoArgsMarker, "true");
        }
        extensions ??= new JsonExtensions(WireProtocol.Gemini); // tags the call as Gemini's (signature, id rules)
        return new ToolCallPart(id ?? "", name, args ?? "{}");
    }

    private static ToolResultPart ReadFunctionResponse(JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        GeminiJson.Object(value, path);
        string? name = null, id = null;
        JsonElement? response = null;
        foreach (var property in value.EnumerateObject())
        {
            string at = GeminiJson.Join(path, property.Name);
            switch (names.Canon(property.Name))
            {
                case "name":
                    name = GeminiJson.String(property.Value, at);
                    break;
                case "id":
                    id = GeminiJson.String(property.Value, at);
                    break;
                case "response":
                    response = GeminiJson.Object(property.Value, at);
                    break;
                default:
                    GeminiJson.Keep(ref extensions, "functionResponse." + property.Name, property.Value);
                    break;
            }
        }
        if (name is null)
        {
            throw new GeminiFormatException(GeminiJson.Join(path, "name"), "required property is missing");
        }
        extensions ??= new JsonExtensions(WireProtocol.Gemini);
        var result = new ToolResultPart(id ?? "") { ToolName = name, ContentIsString = true };
        if (response is { } body)
        {
            result.Content.Add(new TextPart(body.GetRawText()));
            result.IsError = body.TryGetProperty("error", out _) && !body.TryGetProperty("output", out _);
        }
        else
        {
            GeminiJson.KeepRaw(ref extensions, GeminiWire.NoResponseMarker, "true");
        }
        return result;
    }

    public static bool IsImage(string? mimeType) => mimeType is not null && mimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
}
