using System.Text.Json;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// usageMetadata ⇄ <see cref="Usage"/>. promptTokenCount already includes cachedContentTokenCount (the cached part is
/// reported as a share of it), so InputTokens = promptTokenCount + toolUsePromptTokenCount (tool results Gemini fetched
/// itself are prompt tokens too) and CacheReadTokens = cachedContentTokenCount. Gemini reports thinking beside the
/// answer, so OutputTokens = candidatesTokenCount + thoughtsTokenCount and ReasoningTokens = thoughtsTokenCount.
/// Writing reverses it (candidatesTokenCount = output − reasoning) and totalTokenCount = input + output. Counts that
/// are zero are left out, as proto3 JSON does. Detail lists (promptTokensDetails…), serviceTier and the like are
/// kept for a same-protocol write. In a stream every chunk repeats the running counts: later values win.
/// </summary>
internal sealed class GeminiUsage
{
    private long? _prompt, _candidates, _thoughts, _cached, _toolUse;
    private JsonExtensions? _extensions;

    public bool HasAny { get; private set; }

    public static Usage Read(JsonElement usage)
    {
        var accumulator = new GeminiUsage();
        accumulator.Apply(usage);
        return accumulator.ToUsage();
    }

    public void Apply(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        HasAny = true;
        foreach (var property in usage.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "promptTokenCount" when GeminiJson.TryLong(value, out long prompt):
                    _prompt = prompt;
                    break;
                case "candidatesTokenCount" when GeminiJson.TryLong(value, out long candidates):
                    _candidates = candidates;
                    break;
                case "thoughtsTokenCount" when GeminiJson.TryLong(value, out long thoughts):
                    _thoughts = thoughts;
                    break;
                case "cachedContentTokenCount" when GeminiJson.TryLong(value, out long cached):
                    _cached = cached;
                    break;
                case "toolUsePromptTokenCount" when GeminiJson.TryLong(value, out long toolUse):
                    _toolUse = toolUse;
                    break;
                case "totalTokenCount":
                    break; // derived on write
                default:
                    _extensions?.Remove(property.Name);
                    GeminiJson.Keep(ref _extensions, property.Name, value);
                    break;
            }
        }
    }

    public Usage ToUsage()
    {
        JsonExtensions? extensions = null;
        if (_extensions is not null)
        {
            foreach (var (key, value) in _extensions.Fields)
            {
                GeminiJson.KeepRaw(ref extensions, key, value);
            }
        }
        if (_toolUse is { } toolUse)
        {
            GeminiJson.KeepRaw(ref extensions, "toolUsePromptTokenCount", toolUse.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return new Usage
        {
            InputTokens = (_prompt ?? 0) + (_toolUse ?? 0),
            OutputTokens = (_candidates ?? 0) + (_thoughts ?? 0),
            CacheReadTokens = _cached,
            ReasoningTokens = _thoughts,
            Extensions = extensions,
        };
    }

    public static void Write(JsonFieldWriter writer, Usage usage)
    {
        long toolUse = GeminiJson.Get(usage.Extensions, "toolUsePromptTokenCount") is { } raw && long.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out long t) ? t : 0;
        long thoughts = usage.ReasoningTokens ?? 0;
        writer.StartObject("usageMetadata");
        writer.Number("promptTokenCount", Math.Max(0, usage.InputTokens - toolUse));
        NonZero(writer, "candidatesTokenCount", Math.Max(0, usage.OutputTokens - thoughts));
        NonZero(writer, "thoughtsTokenCount", thoughts);
        NonZero(writer, "cachedContentTokenCount", usage.CacheReadTokens ?? 0);
        NonZero(writer, "toolUsePromptTokenCount", toolUse);
        writer.Number("totalTokenCount", usage.InputTokens + usage.OutputTokens);
        GeminiJson.WriteLevel(writer, usage.Extensions);
        writer.EndObject();
    }

    private static void NonZero(JsonFieldWriter writer, string name, long value)
    {
        if (value != 0)
        {
            writer.Number(name, value);
        }
    }
}
