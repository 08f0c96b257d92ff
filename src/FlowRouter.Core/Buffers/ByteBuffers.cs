using System.Buffers;

namespace FlowRouter.Core.Buffers;

/// <summary>
/// Byte arrays for buffers that may grow large (upstream answers, stream events, request bodies written for a
/// target). Up to <see cref="PooledLimit"/> they come from <see cref="ArrayPool{T}.Shared"/>; larger ones are
/// allocated and left to the GC. The shared pool keeps every array it is given (per core, sizes up to 1 GB) until a
/// gen-2 GC trims it under memory pressure, so ten 50 MB answers stayed resident as ~4 GB of pooled arrays long after
/// they were relayed. A large buffer is rare (one per big request), so allocating it costs little; keeping it costs
/// the process's whole footprint. Each large one is noted to <see cref="Trimmer"/>, which gives the memory back to
/// the system once large requests stop.
/// </summary>
public static class ByteBuffers
{
    /// <summary>The largest buffer taken from (and given back to) the shared pool: 1 MB.</summary>
    public const int PooledLimit = 1024 * 1024;

    /// <summary>Runs a full GC when the process goes quiet after large buffers (see <see cref="IdleHeapTrimmer"/>).</summary>
    public static IdleHeapTrimmer Trimmer { get; } = new(TimeProvider.System);

    /// <summary>An array of at least <paramref name="minimumLength"/> bytes (exactly that many when above the pooled limit).</summary>
    public static byte[] Rent(int minimumLength) =>
        minimumLength <= PooledLimit ? ArrayPool<byte>.Shared.Rent(minimumLength) : Allocate(minimumLength);

    /// <summary>A new array of exactly <paramref name="length"/> bytes that is never pooled (a fetched image, say).</summary>
    public static byte[] Allocate(int length)
    {
        if (length > PooledLimit)
        {
            Trimmer.Noted(length);
        }
        return GC.AllocateUninitializedArray<byte>(length);
    }

    /// <summary>Gives a pooled array back; a large one is simply dropped (every array above the limit was allocated here).</summary>
    public static void Return(byte[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length is > 0 and <= PooledLimit)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
