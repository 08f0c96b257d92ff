namespace FlowRouter.Protocols.Json;

/// <summary>
/// Finds the string values of one key anywhere in a JSON document without parsing it: a vectorised search for the
/// quoted key, then the string after its colon. The quoted key cannot occur unescaped inside a JSON string, so every
/// hit is a real key. Used on the hot path to look for reasoning signatures in bodies that are otherwise relayed
/// as bytes.
/// </summary>
public static class JsonKeyScan
{
    /// <summary>
    /// Appends the byte range of each string value of <paramref name="quotedKey"/> (e.g. "\"signature\""u8) whose
    /// text starts with <paramref name="valuePrefix"/> (empty: any).
    /// </summary>
    public static void Collect(ReadOnlySpan<byte> json, ReadOnlySpan<byte> quotedKey, List<Range> values, ReadOnlySpan<byte> valuePrefix = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        int offset = 0;
        while (offset < json.Length)
        {
            int hit = json[offset..].IndexOf(quotedKey);
            if (hit < 0)
            {
                return;
            }
            int position = SkipSpace(json, offset + hit + quotedKey.Length);
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
            var value = new Range(position + 1, position + 1 + length);
            if (json[value].StartsWith(valuePrefix))
            {
                values.Add(value);
            }
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
