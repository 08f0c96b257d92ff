using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Reads a non-streamed chat.completion body into a <see cref="ChatResponse"/>. Only choices[0] is canonical (the
/// gateway never asks for n &gt; 1); further choices are dropped. Fields without a slot go to the response's
/// extensions, those of choices[0] to <see cref="ChatResponse.ChoiceExtensions"/>, so a same-protocol write is exact.
/// </summary>
public static class OpenAIChatResponseReader
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
            throw new OpenAIChatFormatException(null, "the response is not valid JSON: " + ex.Message, ex);
        }
        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static ChatResponse Read(JsonElement root)
    {
        JsonRead.Object(root, "");
        var response = new ChatResponse();
        JsonExtensions? extensions = null;
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
                case "created" when value.TryGetInt64Safe(out long created):
                    response.Created = created;
                    break;
                case "object" when value.ValueKind == JsonValueKind.String && value.ValueEquals("chat.completion"):
                    break;
                case "choices" when value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0:
                    ReadChoice(response, value[0]);
                    break;
                case "usage" when value.ValueKind == JsonValueKind.Object:
                    response.Usage = OpenAIUsageJson.Read(value);
                    break;
                default:
                    JsonRead.Keep(ref extensions, property.Name, value);
                    break;
            }
        }
        response.Extensions = extensions;
        return response;
    }

    private static void ReadChoice(ChatResponse response, JsonElement choice)
    {
        JsonRead.Object(choice, "choices[0]");
        JsonExtensions? extensions = null;
        foreach (var property in choice.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "index" when value.TryGetInt64Safe(out long index) && index == 0:
                    break;
                case "message" when value.ValueKind == JsonValueKind.Object:
                    response.Message = OpenAIChatMessageReader.Read(value, "choices[0].message", isResponse: true);
                    break;
                case "finish_reason" when value.ValueKind == JsonValueKind.String:
                    response.FinishReason = OpenAIFinishReasons.Read(value.GetString()!);
                    break;
                default:
                    JsonRead.Keep(ref extensions, property.Name, value);
                    break;
            }
        }
        response.ChoiceExtensions = extensions;
    }
}
