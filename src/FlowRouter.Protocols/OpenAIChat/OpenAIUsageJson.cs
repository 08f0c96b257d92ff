using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// usage ⇄ <see cref="Usage"/>. OpenAI's prompt_tokens already include cached tokens and completion_tokens include
/// reasoning tokens, which is the canonical convention, so the numbers map one to one. Detail fields without a slot
/// (audio_tokens, accepted_prediction_tokens…) are kept as "prompt_tokens_details.&lt;name&gt;" extensions.
/// </summary>
internal static class OpenAIUsageJson
{
    private const string PromptDetails = "prompt_tokens_details";
    private const string CompletionDetails = "completion_tokens_details";

    public static Usage Read(JsonElement usage)
    {
        long input = 0, output = 0;
        long? cached = null, reasoning = null, total = null;
        JsonExtensions? extensions = null;
        foreach (var property in usage.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "prompt_tokens" when value.TryGetInt64Safe(out input):
                    break;
                case "completion_tokens" when value.TryGetInt64Safe(out output):
                    break;
                case "total_tokens" when value.TryGetInt64Safe(out long t):
                    total = t;
                    break;
                case PromptDetails when value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any():
                    cached = ReadDetails(value, PromptDetails, "cached_tokens", ref extensions);
                    break;
                case CompletionDetails when value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Any():
                    reasoning = ReadDetails(value, CompletionDetails, "reasoning_tokens", ref extensions);
                    break;
                default:
                    JsonRead.Keep(ref extensions, property.Name, value);
                    break;
            }
        }
        if (total is { } reported && reported != input + output)
        {
            extensions ??= new JsonExtensions(WireProtocol.OpenAIChat);
            extensions.Add("total_tokens", reported.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return new Usage { InputTokens = input, OutputTokens = output, CacheReadTokens = cached, ReasoningTokens = reasoning, Extensions = extensions };
    }

    private static long? ReadDetails(JsonElement details, string objectName, string mapped, ref JsonExtensions? extensions)
    {
        long? result = null;
        foreach (var property in details.EnumerateObject())
        {
            if (property.Name == mapped && property.Value.TryGetInt64Safe(out long value))
            {
                result = value;
            }
            else
            {
                JsonRead.Keep(ref extensions, objectName + "." + property.Name, property.Value);
            }
        }
        return result;
    }

    public static void Write(JsonFieldWriter writer, Usage usage)
    {
        writer.StartObject("usage");
        writer.Number("prompt_tokens", usage.InputTokens);
        writer.Number("completion_tokens", usage.OutputTokens);
        string? total = usage.Extensions?.AppliesTo(WireProtocol.OpenAIChat) == true ? usage.Extensions.Get("total_tokens") : null;
        if (total is null)
        {
            writer.Number("total_tokens", usage.TotalTokens);
        }
        WriteDetails(writer, usage, PromptDetails, "cached_tokens", usage.CacheReadTokens);
        WriteDetails(writer, usage, CompletionDetails, "reasoning_tokens", usage.ReasoningTokens);
        writer.Extensions(usage.Extensions);
        writer.EndObject();
    }

    private static void WriteDetails(JsonFieldWriter writer, Usage usage, string objectName, string mapped, long? value)
    {
        string prefix = objectName + ".";
        bool hasKept = usage.Extensions?.AppliesTo(WireProtocol.OpenAIChat) == true
            && usage.Extensions.Fields.Any(f => f.Key.StartsWith(prefix, StringComparison.Ordinal));
        if (value is null && !hasKept)
        {
            return;
        }
        writer.StartObject(objectName);
        if (value is { } number)
        {
            writer.Number(mapped, number);
        }
        writer.Extensions(usage.Extensions, prefix);
        writer.EndObject();
    }
}
