using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Reads a Gemini generateContent / streamGenerateContent request body into a <see cref="ChatRequest"/>. The model
/// comes from the URL (<c>/v1beta/models/{model}:generateContent</c>), not the body. contents become messages
/// (user → user, model → assistant), systemInstruction becomes <see cref="ChatRequest.System"/>, tools/toolConfig go
/// through <see cref="GeminiToolReader"/>, generationConfig through <see cref="GeminiConfigReader"/>; safetySettings,
/// cachedContent, labels and every other field stay raw in the extensions (forwarded only to Gemini). Both spellings
/// of field names are accepted (<see cref="GeminiNames"/>). Function calls and responses without ids get deterministic
/// ids (<see cref="GeminiToolIds"/>); an id-less functionResponse takes the id of the first unanswered call of the
/// same name in the preceding model turn, which is how Gemini itself pairs them. Invalid input throws
/// <see cref="GeminiFormatException"/> naming the JSON path.
/// </summary>
public static class GeminiRequestReader
{
    public static ChatRequest Read(ReadOnlyMemory<byte> body, string model)
    {
        if (JsonTextCheck.Find(body.Span) is { } problem)
        {
            throw new GeminiFormatException(null, "the body is not valid JSON: " + problem);
        }
        using var document = GeminiJson.Parse(body, "the body");
        return Read(document.RootElement, model);
    }

    public static ChatRequest Read(JsonElement root, string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        GeminiJson.Object(root, "");
        var request = new ChatRequest { Model = model };
        var names = new GeminiNames();
        JsonExtensions? extensions = null;
        bool hasContents = false;
        foreach (var property in root.EnumerateObject())
        {
            string name = names.Canon(property.Name);
            var value = property.Value;
            switch (name)
            {
                case "contents":
                    hasContents = true;
                    ReadContents(request, value, property.Name, names);
                    break;
                case "systemInstruction" when value.ValueKind != JsonValueKind.Null:
                    ReadSystem(request, value, property.Name, names, ref extensions);
                    break;
                case "tools" when value.ValueKind != JsonValueKind.Null:
                    GeminiToolReader.ReadTools(request.Tools, value, property.Name, names);
                    break;
                case "toolConfig" when value.ValueKind != JsonValueKind.Null:
                    request.ToolChoice = GeminiToolReader.ReadToolConfig(value, property.Name, names, ref extensions);
                    break;
                case "generationConfig" when value.ValueKind != JsonValueKind.Null:
                    GeminiConfigReader.Read(request, value, property.Name, names, ref extensions);
                    break;
                default:
                    GeminiJson.Keep(ref extensions, property.Name, value); // safetySettings, cachedContent, labels…
                    break;
            }
        }
        if (!hasContents)
        {
            throw new GeminiFormatException("contents", "required property is missing");
        }
        GeminiJson.KeepRaw(ref extensions, GeminiWire.SourceMarker, "true");
        names.SaveTo(ref extensions);
        request.Extensions = extensions;
        PairResults(request.Messages);
        return request;
    }

    private static void ReadSystem(ChatRequest request, JsonElement value, string path, GeminiNames names, ref JsonExtensions? extensions)
    {
        GeminiJson.Object(value, path);
        foreach (var property in value.EnumerateObject())
        {
            if (names.Canon(property.Name) == "parts")
            {
                ReadParts(request.System, property.Value, GeminiJson.Join(path, property.Name), names);
            }
            else
            {
                GeminiJson.Keep(ref extensions, "systemInstruction." + property.Name, property.Value); // role: "user"…
            }
        }
    }

    private static void ReadContents(ChatRequest request, JsonElement value, string path, GeminiNames names)
    {
        GeminiJson.Array(value, path);
        int turn = 0;
        foreach (var item in value.EnumerateArray())
        {
            request.Messages.Add(ReadContent(item, GeminiJson.Index(path, turn), turn, names));
            turn++;
        }
    }

    private static ChatMessage ReadContent(JsonElement element, string path, int turn, GeminiNames names)
    {
        GeminiJson.Object(element, path);
        var message = new ChatMessage(ChatRole.User);
        JsonExtensions? extensions = null;
        bool hasRole = false;
        foreach (var property in element.EnumerateObject())
        {
            string at = GeminiJson.Join(path, property.Name);
            switch (names.Canon(property.Name))
            {
                case "role":
                    hasRole = true;
                    message.Role = RoleOf(GeminiJson.String(property.Value, at));
                    break;
                case "parts":
                    ReadParts(message.Parts, property.Value, at, names);
                    break;
                default:
                    GeminiJson.Keep(ref extensions, property.Name, property.Value);
                    break;
            }
        }
        if (!hasRole)
        {
            GeminiJson.KeepRaw(ref extensions, GeminiWire.NoRoleMarker, "true");
        }
        message.Extensions = extensions;
        for (int i = 0; i < message.Parts.Count; i++)
        {
            if (message.Parts[i] is ToolCallPart { Id.Length: 0 } call)
            {
                call.Id = GeminiToolIds.ForRequest(turn, i);
                call.Extensions!.Add(GeminiToolIds.SyntheticMarker, "true");
            }
            else if (message.Parts[i] is ToolResultPart { ToolCallId.Length: 0 } result)
            {
                result.ToolCallId = GeminiToolIds.ForRequest(turn, i); // replaced by the call's id when one pairs
                result.Extensions!.Add(GeminiToolIds.SyntheticMarker, "true");
            }
        }
        return message;
    }

    private static ChatRole RoleOf(string role) => role switch
    {
        GeminiWire.UserRole => ChatRole.User,
        GeminiWire.ModelRole => ChatRole.Assistant,
        _ => new ChatRole(role), // e.g. the legacy "function" role; written back as given
    };

    internal static void ReadParts(List<ContentPart> parts, JsonElement value, string path, GeminiNames names)
    {
        GeminiJson.Array(value, path);
        int index = 0;
        foreach (var item in value.EnumerateArray())
        {
            parts.Add(GeminiPartReader.Read(item, GeminiJson.Index(path, index++), names));
        }
    }

    /// <summary>Gives each id-less functionResponse the id of the call it answers (same name, in order).</summary>
    private static void PairResults(List<ChatMessage> messages)
    {
        var open = new List<ToolCallPart>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.Assistant)
            {
                open = message.Parts.OfType<ToolCallPart>().ToList();
                continue;
            }
            foreach (var result in message.Parts.OfType<ToolResultPart>())
            {
                bool synthetic = GeminiJson.Has(result.Extensions, GeminiToolIds.SyntheticMarker);
                int match = synthetic
                    ? open.FindIndex(c => c.Name == result.ToolName)
                    : open.FindIndex(c => c.Id == result.ToolCallId);
                if (match < 0)
                {
                    continue;
                }
                if (synthetic)
                {
                    result.ToolCallId = open[match].Id;
                }
                open.RemoveAt(match);
            }
        }
    }
}
