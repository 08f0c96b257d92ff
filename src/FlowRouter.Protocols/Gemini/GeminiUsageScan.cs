using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>
/// The usage of a GenerateContentResponse (a whole answer or one stream chunk) without reading the rest: what a relay
/// that passes Gemini's bytes through needs for the request log. Counting rules as <see cref="GeminiUsage"/>.
/// </summary>
public static class GeminiUsageScan
{
    public static bool TryRead(ReadOnlySpan<byte> json, out Usage usage)
    {
        usage = null!;
        if (json.IndexOf("\"usageMetadata\""u8) < 0)
        {
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                return false;
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
                {
                    root = root[root.GetArrayLength() - 1];
                }
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("usageMetadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }
                usage = GeminiUsage.Read(metadata);
                return true;
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>True when a stream chunk carries a finishReason: Gemini's last chunk of a candidate.</summary>
    public static bool HasFinishReason(ReadOnlySpan<byte> json) => json.IndexOf("\"finishReason\""u8) >= 0;
}
