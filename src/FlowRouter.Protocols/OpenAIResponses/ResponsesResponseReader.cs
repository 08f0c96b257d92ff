using System.Text.Json;
using FlowRouter.Core.Canonical;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// Reads a response object (non-streamed POST /v1/responses answer, or the "response" of a stream's terminal event)
/// into a <see cref="ChatResponse"/>. All output items fold into the one assistant message (see
/// <see cref="ResponsesItemReader"/>); status and incomplete_details give the finish reason (see
/// <see cref="ResponsesStatus"/>). Every other field — the echo of the request (instructions, tools, reasoning…),
/// error, and status itself — is kept raw in the extensions, so a same-protocol write gives back the same JSON.
/// </summary>
public static class ResponsesResponseReader
{
    public static ChatResponse Read(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            throw new ResponsesFormatException(null, "the response is not valid JSON: " + ex.Message, ex);
        }
        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static ChatResponse Read(JsonElement root)
    {
        Object(root, "");
        var response = new ChatResponse();
        JsonExtensions? extensions = null;
        string? status = null, reason = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "id" when value.ValueKind == JsonValueKind.String:
                    response.Id = value.GetString()!;
                    break;
                case "model" when value.ValueKind == JsonValueKind.String:
                    response.Model = value.GetString()!;
                    break;
                case "created_at" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long created):
                    response.Created = created;
                    break;
                case "object" when value.ValueKind == JsonValueKind.String && value.ValueEquals("response"):
                    break;
                case "output" when value.ValueKind == JsonValueKind.Array:
                    var items = new ResponsesItemReader(singleTurn: true);
                    items.ReadAll(value, "output");
                    response.Message = items.Messages.Count > 0 ? items.Messages[0] : new ChatMessage(ChatRole.Assistant);
                    break;
                case "usage" when value.ValueKind == JsonValueKind.Object:
                    response.Usage = ResponsesUsageJson.Read(value);
                    break;
                default:
                    status = property.Name == "status" ? TryStringValue(value) : status;
                    reason = property.Name == "incomplete_details" ? TryString(value, "reason") : reason;
                    Keep(ref extensions, property.Name, value);
                    break;
            }
        }
        bool hasCalls = response.Message.Parts.Exists(p => p is ToolCallPart);
        response.FinishReason = ResponsesStatus.Read(status, reason, hasCalls);
        response.Extensions = extensions;
        return response;
    }

    private static string? TryStringValue(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
