namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Finds the string values of "signature" (thinking blocks, signature_delta) and "data" (redacted_thinking; also
/// image and document sources, which simply never match a recorded origin) in Messages JSON without parsing it, so
/// a passthrough request or answer can be checked for reasoning bound to another model at the cost of a vectorised
/// search. The key bytes cannot occur inside a JSON string unescaped, so every hit is a real key.
/// </summary>
public static class AnthropicSignatureScan
{
    /// <summary>False when <paramref name="json"/> cannot hold such a value (a cheap test before <see cref="Collect"/>).</summary>
    public static bool MayHold(ReadOnlySpan<byte> json) => json.IndexOf("\"signature\""u8) >= 0 || json.IndexOf("\"data\""u8) >= 0;

    /// <summary>Appends the byte range of every such value in <paramref name="json"/> to <paramref name="values"/>.</summary>
    public static void Collect(ReadOnlySpan<byte> json, List<Range> values)
    {
        CollectKey(json, "\"signature\""u8, values);
        CollectKey(json, "\"data\""u8, values);
    }

    private static void CollectKey(ReadOnlySpan<byte> json, ReadOnlySpan<byte> key, List<Range> values)
    {
        int offset = 0;
        while (offset < json.Length)
        {
            int hit = json[offset..].IndexOf(key);
            if (hit < 0)
            {
                return;
            }
            int position = SkipSpace(json, offset + hit + key.Length);
            offset = position;
            if (position >= json.Length || json[position] != (byte)':')
            {
                continue;
            }
            position = SkipSpace(json, position + 1);
            if (position >= json.Length || json[position] != (byte)'"')
            {
                continue;
            }
            int length = json[(position + 1)..].IndexOf((byte)'"');
            if (length < 0)
            {
                return;
            }
            values.Add(new Range(position + 1, position + 1 + length));
            offset = position + 2 + length;
        }
    }

    private static int SkipSpace(ReadOnlySpan<byte> json, int position)
    {
        while (position < json.Length && json[position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            position++;
        }
        return position;
    }
}
