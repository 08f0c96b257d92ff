namespace FlowRouter.TestKit;

/// <summary>Splits a recorded SSE body into its events, byte-exact, each keeping its terminating blank line.</summary>
public static class SseSplitter
{
    public static IReadOnlyList<byte[]> SplitEvents(byte[] body)
    {
        var events = new List<byte[]>();
        int start = 0;
        int i = 0;
        while (i < body.Length)
        {
            int terminator = BlankLineAt(body, i);
            if (terminator > 0)
            {
                events.Add(body[start..(i + terminator)]);
                i += terminator;
                start = i;
                continue;
            }
            i++;
        }
        if (start < body.Length)
        {
            events.Add(body[start..]);
        }
        return events;
    }

    /// <summary>Length of a line ending followed by an empty line at <paramref name="i"/> ("\n\n", "\r\n\r\n", "\r\r"), else 0.</summary>
    private static int BlankLineAt(byte[] body, int i)
    {
        ReadOnlySpan<byte> rest = body.AsSpan(i);
        if (rest.StartsWith("\r\n\r\n"u8))
        {
            return 4;
        }
        if (rest.StartsWith("\n\n"u8) || rest.StartsWith("\r\r"u8))
        {
            return 2;
        }
        return 0;
    }
}
