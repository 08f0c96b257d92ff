using System.Buffers;

namespace FlowRouter.Bench.Upstream;

/// <summary>A span search for "stream": true in a request body; no JSON parsing (a benchmark fake, not a validator).</summary>
internal static class StreamFlag
{
    public static bool IsSet(ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return IsSet(body.FirstSpan);
        }
        // Bench request bodies are tiny; a multi-segment body only happens for unusual clients, so a copy is fine.
        return IsSet(body.ToArray());
    }

    /// <summary>True when the body holds <paramref name="text"/> anywhere.</summary>
    public static bool Contains(ReadOnlySequence<byte> body, ReadOnlySpan<byte> text) =>
        (body.IsSingleSegment ? body.FirstSpan : body.ToArray()).IndexOf(text) >= 0;

    public static bool IsSet(ReadOnlySpan<byte> body)
    {
        ReadOnlySpan<byte> key = "\"stream\""u8;
        while (true)
        {
            int at = body.IndexOf(key);
            if (at < 0)
            {
                return false;
            }
            body = body[(at + key.Length)..];
            var rest = body.TrimStart(" \t\r\n"u8);
            if (rest.Length > 0 && rest[0] == (byte)':' && rest[1..].TrimStart(" \t\r\n"u8).StartsWith("true"u8))
            {
                return true;
            }
        }
    }
}
