namespace FlowRouter.TestKit;

/// <summary>
/// Where to split a recorded stream in two when checking that a reader's output does not depend on how the bytes
/// arrive. Every offset for the usual fixture; for a very large one (the 99 KB reasoning-summary stream would take
/// ~90 s at every offset, each replay reading the whole body), every offset within 8 bytes of an event boundary —
/// where a split can change how an event is framed — plus every 61st offset elsewhere. Tests that use this also
/// replay the body one byte per read, which puts a read boundary at every offset in a single pass.
/// </summary>
public static class SplitOffsets
{
    public const int ExhaustiveUpTo = 20_000;

    public static IEnumerable<int> For(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length <= ExhaustiveUpTo)
        {
            for (int offset = 1; offset < body.Length; offset++)
            {
                yield return offset;
            }
            yield break;
        }
        var near = new bool[body.Length + 1];
        for (int i = 0; i + 1 < body.Length; i++)
        {
            if (body[i] == (byte)'\n' && (body[i + 1] == (byte)'\n' || body[i + 1] == (byte)'\r'))
            {
                for (int j = Math.Max(1, i - 8); j <= Math.Min(body.Length - 1, i + 9); j++)
                {
                    near[j] = true;
                }
            }
        }
        for (int offset = 1; offset < body.Length; offset++)
        {
            if (near[offset] || offset % 61 == 0)
            {
                yield return offset;
            }
        }
    }
}
