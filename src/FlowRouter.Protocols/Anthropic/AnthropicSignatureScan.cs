using FlowRouter.Protocols.Json;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// The model-bound reasoning values of Messages JSON: "signature" (thinking blocks, signature_delta) and "data"
/// (redacted_thinking; also image and document sources, which simply never match a recorded origin).
/// </summary>
public static class AnthropicSignatureScan
{
    /// <summary>False when <paramref name="json"/> cannot hold such a value (a cheap test before <see cref="Collect"/>).</summary>
    public static bool MayHold(ReadOnlySpan<byte> json) => json.IndexOf("\"signature\""u8) >= 0 || json.IndexOf("\"data\""u8) >= 0;

    /// <summary>Appends the byte range of every such value in <paramref name="json"/> to <paramref name="values"/>.</summary>
    public static void Collect(ReadOnlySpan<byte> json, List<Range> values)
    {
        JsonKeyScan.Collect(json, "\"signature\""u8, values);
        JsonKeyScan.Collect(json, "\"data\""u8, values);
    }
}
