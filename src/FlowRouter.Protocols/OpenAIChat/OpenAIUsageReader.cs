using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>
/// Hot-path usage extraction for relayed bytes: finds the top-level "usage" object of a chat.completion body or chunk
/// with one forward pass and no allocation beyond the result. Relay code calls it on every chunk, so it first checks
/// cheaply whether the chunk carries a usage object at all.
/// </summary>
public static class OpenAIUsageReader
{
    /// <summary>True when the JSON has a top-level "usage" object (not null); <paramref name="usage"/> holds it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, out Usage? usage)
    {
        usage = null;
        if (!MayHaveUsageObject(json))
        {
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    usage = ReadUsage(ref reader);
                    return true;
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A malformed chunk is relayed as is; it just contributes no usage.
        }
        return false;
    }

    /// <summary>True when the chunk is OpenAI's final usage-only chunk: usage present and "choices":[] empty.</summary>
    public static bool IsUsageOnlyChunk(ReadOnlySpan<byte> json) =>
        json.IndexOf("\"choices\":[]"u8) >= 0 && MayHaveUsageObject(json);

    private static bool MayHaveUsageObject(ReadOnlySpan<byte> json)
    {
        int at = json.IndexOf("\"usage\""u8);
        while (at >= 0)
        {
            var rest = json[(at + 7)..].TrimStart(" \t\r\n"u8);
            if (rest.Length > 1 && rest[0] == (byte)':' && rest[1..].TrimStart(" \t\r\n"u8) is { Length: > 0 } value && value[0] == (byte)'{')
            {
                return true;
            }
            int next = json[(at + 7)..].IndexOf("\"usage\""u8);
            at = next < 0 ? -1 : at + 7 + next;
        }
        return false;
    }

    private static Usage ReadUsage(ref Utf8JsonReader reader)
    {
        long input = 0, output = 0;
        long? cached = null, reasoning = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                input = ReadNumber(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                output = ReadNumber(ref reader) ?? 0;
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                cached = ReadDetail(ref reader, "cached_tokens"u8) ?? cached;
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                reasoning = ReadDetail(ref reader, "reasoning_tokens"u8) ?? reasoning;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return new Usage { InputTokens = input, OutputTokens = output, CacheReadTokens = cached, ReasoningTokens = reasoning };
    }

    private static long? ReadNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) ? value : null;
    }

    private static long? ReadDetail(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        long? found = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                found = ReadNumber(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return found;
    }
}
