using System.Text.Json;
using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Usage from relayed Anthropic bytes, for passthrough (the relay does not decode the answer): a message body's
/// "usage", or a stream's message_start ("message.usage") and message_delta ("usage") events, later fields winning.
/// Counting follows <see cref="AnthropicUsage"/> (cache reads and writes counted once, inside InputTokens).
/// </summary>
public sealed class AnthropicUsageScan
{
    private readonly AnthropicUsage _usage = new();
    private bool _seen;

    public Usage? Current => _seen ? _usage.ToUsage() : null;

    /// <summary>Takes the usage of a message body or a message_start/message_delta event payload, if any.</summary>
    public void Apply(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf("\"usage\""u8) < 0)
        {
            return;
        }
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                root = message;
            }
            if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
            {
                _usage.Apply(usage);
                _seen = true;
            }
        }
        catch (JsonException)
        {
            // A malformed event is relayed as is; it just contributes no usage.
        }
    }
}
