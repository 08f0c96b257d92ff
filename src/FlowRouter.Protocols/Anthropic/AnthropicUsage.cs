using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Anthropic usage ⇄ <see cref="Usage"/>. Anthropic's input_tokens counts only the uncached part of the prompt, with
/// cache reads and cache writes reported beside it; the canonical InputTokens counts the whole prompt, so reading
/// adds the three and writing subtracts the two cache counts again (each token is counted exactly once either way).
/// output_tokens already includes thinking; output_tokens_details.thinking_tokens is the reasoning share. Fields
/// without a slot (cache_creation, service_tier, server_tool_use, inference_geo) are kept for a same-protocol write.
/// In a stream, message_delta may repeat or complete what message_start said: <see cref="Apply"/> lets later fields win.
/// </summary>
internal sealed class AnthropicUsage
{
    private const string OutputDetails = "output_tokens_details";

    private long? _input;
    private long? _output;
    private long? _cacheRead;
    private long? _cacheWrite;
    private long? _thinking;
    private JsonExtensions? _extensions;

    public static Usage Read(JsonElement usage)
    {
        var accumulator = new AnthropicUsage();
        accumulator.Apply(usage);
        return accumulator.ToUsage();
    }

    public void Apply(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var property in usage.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "input_tokens" when value.TryGetInt64Safe(out long input):
                    _input = input;
                    break;
                case "output_tokens" when value.TryGetInt64Safe(out long output):
                    _output = output;
                    break;
                case "cache_read_input_tokens" when value.TryGetInt64Safe(out long read):
                    _cacheRead = read;
                    break;
                case "cache_creation_input_tokens" when value.TryGetInt64Safe(out long write):
                    _cacheWrite = write;
                    break;
                case OutputDetails when value.ValueKind == JsonValueKind.Object:
                    ApplyDetails(value);
                    break;
                default:
                    Keep(property.Name, value);
                    break;
            }
        }
    }

    private void ApplyDetails(JsonElement details)
    {
        foreach (var property in details.EnumerateObject())
        {
            if (property.Name == "thinking_tokens" && property.Value.TryGetInt64Safe(out long thinking))
            {
                _thinking = thinking;
            }
            else
            {
                Keep(OutputDetails + "." + property.Name, property.Value);
            }
        }
        if (!details.EnumerateObject().Any())
        {
            Keep(OutputDetails, details);
        }
    }

    private void Keep(string name, JsonElement value)
    {
        _extensions?.Remove(name);
        AnthropicJsonRead.Keep(ref _extensions, name, value);
    }

    public Usage ToUsage() => new()
    {
        InputTokens = (_input ?? 0) + (_cacheRead ?? 0) + (_cacheWrite ?? 0),
        OutputTokens = _output ?? 0,
        CacheReadTokens = _cacheRead,
        CacheWriteTokens = _cacheWrite,
        ReasoningTokens = _thinking,
        Extensions = _extensions is null ? null : Copy(_extensions),
    };

    private static JsonExtensions Copy(JsonExtensions source)
    {
        var copy = new JsonExtensions(source.Source);
        foreach (var (key, value) in source.Fields)
        {
            copy.Add(key, value);
        }
        return copy;
    }

    /// <summary>Writes "usage": {…} with Anthropic's split of the prompt; cache counts are always present, as Anthropic sends them.</summary>
    public static void Write(JsonFieldWriter writer, Usage usage)
    {
        writer.StartObject("usage");
        WriteFields(writer, usage);
        writer.EndObject();
    }

    public static void WriteFields(JsonFieldWriter writer, Usage usage)
    {
        long read = usage.CacheReadTokens ?? 0, write = usage.CacheWriteTokens ?? 0;
        writer.Number("input_tokens", Math.Max(0, usage.InputTokens - read - write));
        writer.Number("cache_creation_input_tokens", write);
        writer.Number("cache_read_input_tokens", read);
        writer.Number("output_tokens", usage.OutputTokens);
        bool keptDetails = usage.Extensions?.AppliesTo(WireProtocol.Anthropic) == true
            && usage.Extensions.Fields.Any(f => f.Key.StartsWith(OutputDetails, StringComparison.Ordinal));
        if (usage.ReasoningTokens is not null || keptDetails)
        {
            writer.StartObject(OutputDetails);
            if (usage.ReasoningTokens is { } tokens)
            {
                writer.Number("thinking_tokens", tokens);
            }
            writer.Extensions(usage.Extensions, OutputDetails + ".");
            writer.EndObject();
        }
        writer.Extensions(usage.Extensions);
    }
}
