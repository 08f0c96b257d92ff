using System.Globalization;
using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;
using static FlowRouter.Protocols.OpenAIResponses.ResponsesJsonRead;

namespace FlowRouter.Protocols.OpenAIResponses;

/// <summary>
/// usage ⇄ <see cref="Usage"/>. Responses' input_tokens already include cached tokens (input_tokens_details.
/// cached_tokens is a part of them) and output_tokens include reasoning tokens, which is the canonical convention:
/// no arithmetic. cache_write_tokens maps to CacheWriteTokens. Other detail fields are kept as
/// "input_tokens_details.x" / "output_tokens_details.x" extensions, total_tokens only when it disagrees with the sum.
/// The writer always writes both details objects: OpenAI always sends them and SDKs type them as required.
/// </summary>
internal static class ResponsesUsageJson
{
    private const string InputDetails = "input_tokens_details";
    private const string OutputDetails = "output_tokens_details";

    public static Usage Read(JsonElement usage)
    {
        long input = 0, output = 0;
        long? cached = null, cacheWrite = null, reasoning = null, total = null;
        JsonExtensions? extensions = null;
        foreach (var property in usage.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "input_tokens" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out input):
                    break;
                case "output_tokens" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out output):
                    break;
                case "total_tokens" when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long t):
                    total = t;
                    break;
                case InputDetails when value.ValueKind == JsonValueKind.Object:
                    foreach (var detail in value.EnumerateObject())
                    {
                        if (detail.Name == "cached_tokens" && detail.Value.ValueKind == JsonValueKind.Number)
                        {
                            cached = detail.Value.GetInt64();
                        }
                        else if (detail.Name == "cache_write_tokens" && detail.Value.ValueKind == JsonValueKind.Number)
                        {
                            cacheWrite = detail.Value.GetInt64();
                        }
                        else
                        {
                            Keep(ref extensions, InputDetails + "." + detail.Name, detail.Value);
                        }
                    }
                    break;
                case OutputDetails when value.ValueKind == JsonValueKind.Object:
                    foreach (var detail in value.EnumerateObject())
                    {
                        if (detail.Name == "reasoning_tokens" && detail.Value.ValueKind == JsonValueKind.Number)
                        {
                            reasoning = detail.Value.GetInt64();
                        }
                        else
                        {
                            Keep(ref extensions, OutputDetails + "." + detail.Name, detail.Value);
                        }
                    }
                    break;
                default:
                    Keep(ref extensions, property.Name, value);
                    break;
            }
        }
        if (total is { } reported && reported != input + output)
        {
            extensions ??= new JsonExtensions(WireProtocol.OpenAIResponses);
            extensions.Add("total_tokens", reported.ToString(CultureInfo.InvariantCulture));
        }
        return new Usage
        {
            InputTokens = input,
            OutputTokens = output,
            CacheReadTokens = cached,
            CacheWriteTokens = cacheWrite,
            ReasoningTokens = reasoning,
            Extensions = extensions,
        };
    }

    public static void Write(JsonFieldWriter writer, Usage usage)
    {
        writer.StartObject("usage");
        writer.Number("input_tokens", usage.InputTokens);
        writer.StartObject(InputDetails);
        writer.Number("cached_tokens", usage.CacheReadTokens ?? 0);
        if (usage.CacheWriteTokens is { } cacheWrite)
        {
            writer.Number("cache_write_tokens", cacheWrite);
        }
        writer.Extensions(usage.Extensions, InputDetails + ".");
        writer.EndObject();
        writer.Number("output_tokens", usage.OutputTokens);
        writer.StartObject(OutputDetails);
        writer.Number("reasoning_tokens", usage.ReasoningTokens ?? 0);
        writer.Extensions(usage.Extensions, OutputDetails + ".");
        writer.EndObject();
        if (Kept(usage.Extensions, "total_tokens") is null)
        {
            writer.Number("total_tokens", usage.TotalTokens);
        }
        writer.Extensions(usage.Extensions);
        writer.EndObject();
    }
}
