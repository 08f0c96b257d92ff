using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// Reads a GenerateContentResponse into a <see cref="ChatResponse"/>: candidates[0].content.parts become the one
/// assistant message (parts as <see cref="GeminiPartReader"/> reads them; calls without an id get
/// <see cref="GeminiToolIds.ForResponse"/>), finishReason maps through <see cref="GeminiFinishReasons"/> (a prompt
/// blocked before any candidate — promptFeedback.blockReason and no candidates — is ContentFilter), usageMetadata
/// through <see cref="GeminiUsage"/>, responseId → Id, modelVersion → Model. The candidate's other fields
/// (safetyRatings, citationMetadata, groundingMetadata, avgLogprobs, index…) are kept in ChoiceExtensions, the
/// response's (promptFeedback, createTime…) in Extensions; further candidates (candidateCount &gt; 1) are kept raw.
/// </summary>
public static class GeminiResponseReader
{
    internal const string NoCandidatesMarker = "@no_candidates";
    internal const string MoreCandidatesMarker = "@more_candidates";
    internal const string NoContentMarker = "@no_content";

    public static ChatResponse Read(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = GeminiJson.Parse(utf8Json, "the response");
        return Read(document.RootElement);
    }

    public static ChatResponse Read(JsonElement root)
    {
        GeminiJson.Object(root, "");
        var response = new ChatResponse();
        JsonExtensions? extensions = null;
        JsonElement? candidates = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "candidates" when value.ValueKind == JsonValueKind.Array:
                    candidates = value;
                    break;
                case "responseId" when value.ValueKind == JsonValueKind.String:
                    response.Id = value.GetString()!;
                    break;
                case "modelVersion" when value.ValueKind == JsonValueKind.String:
                    response.Model = value.GetString()!;
                    break;
                case "usageMetadata" when value.ValueKind == JsonValueKind.Object:
                    response.Usage = GeminiUsage.Read(value);
                    break;
                default:
                    GeminiJson.Keep(ref extensions, property.Name, value); // promptFeedback, createTime, turnToken…
                    break;
            }
        }
        if (candidates is { } list && list.GetArrayLength() > 0)
        {
            ReadCandidate(response, list[0]);
            if (list.GetArrayLength() > 1)
            {
                GeminiJson.KeepRaw(ref extensions, MoreCandidatesMarker, "[" + string.Join(",", list.EnumerateArray().Skip(1).Select(c => c.GetRawText())) + "]");
            }
        }
        else
        {
            if (candidates is null)
            {
                GeminiJson.KeepRaw(ref extensions, NoCandidatesMarker, "true");
            }
            if (root.TryGetProperty("promptFeedback", out var feedback) && GeminiJson.TryString(feedback, "blockReason") is not null)
            {
                response.FinishReason = FinishReason.ContentFilter; // the prompt itself was blocked
            }
        }
        GeminiJson.KeepRaw(ref extensions, GeminiWire.SourceMarker, "true");
        response.Extensions = extensions;
        return response;
    }

    private static void ReadCandidate(ChatResponse response, JsonElement candidate)
    {
        GeminiJson.Object(candidate, "candidates[0]");
        JsonExtensions? choice = null;
        string? finish = null;
        bool hasContent = false;
        var names = new GeminiNames();
        foreach (var property in candidate.EnumerateObject())
        {
            switch (property.Name)
            {
                case "content" when property.Value.ValueKind == JsonValueKind.Object:
                    hasContent = true;
                    ReadContent(response.Message, property.Value, names, ref choice);
                    break;
                case "finishReason" when property.Value.ValueKind == JsonValueKind.String:
                    finish = property.Value.GetString();
                    break;
                default:
                    GeminiJson.Keep(ref choice, property.Name, property.Value);
                    break;
            }
        }
        if (!hasContent)
        {
            GeminiJson.KeepRaw(ref choice, NoContentMarker, "true");
        }
        AssignCallIds(response);
        if (finish is not null)
        {
            bool calls = response.Message.Parts.Exists(p => p is ToolCallPart);
            response.FinishReason = GeminiFinishReasons.Read(finish, calls);
            if (GeminiFinishReasons.Write(response.FinishReason.Value, null, calls) != finish)
            {
                GeminiJson.KeepRaw(ref choice, "finishReason", "\"" + JsonEncodedText.Encode(finish) + "\"");
            }
        }
        response.ChoiceExtensions = choice ?? new JsonExtensions(WireProtocol.Gemini);
    }

    private static void ReadContent(ChatMessage message, JsonElement content, GeminiNames names, ref JsonExtensions? choice)
    {
        foreach (var property in content.EnumerateObject())
        {
            if (property.Name == "parts" && property.Value.ValueKind == JsonValueKind.Array && property.Value.GetArrayLength() > 0)
            {
                GeminiRequestReader.ReadParts(message.Parts, property.Value, "candidates[0].content.parts", names);
            }
            else
            {
                GeminiJson.Keep(ref choice, "content." + property.Name, property.Value); // role: "model", an empty parts list
            }
        }
    }

    private static void AssignCallIds(ChatResponse response)
    {
        int ordinal = 0;
        foreach (var call in response.Message.Parts.OfType<ToolCallPart>())
        {
            if (call.Id.Length == 0)
            {
                call.Id = GeminiToolIds.ForResponse(response.Id, ordinal);
                call.Extensions!.Add(GeminiToolIds.SyntheticMarker, "true");
            }
            ordinal++;
        }
    }
}
