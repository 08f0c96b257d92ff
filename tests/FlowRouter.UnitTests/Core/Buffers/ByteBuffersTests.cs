using FlowRouter.Core.Buffers;

namespace FlowRouter.UnitTests.Core.Buffers;

/// <summary>Large buffers are not kept by a pool after use (the shared pool would keep them until a gen-2 trim).</summary>
public sealed class ByteBuffersTests
{
    [Fact]
    public void Rent_LargeArrayReturned_NextRentIsANewArray()
    {
        byte[] first = ByteBuffers.Rent(8 * 1024 * 1024);
        ByteBuffers.Return(first);
        byte[] second = ByteBuffers.Rent(8 * 1024 * 1024);

        Assert.NotSame(first, second);
        Assert.Equal(8 * 1024 * 1024, second.Length);
    }

    [Fact]
    public void Rent_SmallArray_ComesFromTheSharedPool()
    {
        byte[] small = ByteBuffers.Rent(1000);
        Assert.Equal(1024, small.Length); // the shared pool's bucket size
        ByteBuffers.Return(small);
    }

    [Fact]
    public void PooledBufferWriter_GrowsPastOneMegabyte_KeepsEveryByte()
    {
        using var writer = new PooledBufferWriter(16);
        var block = new byte[300 * 1024];
        for (int i = 0; i < 10; i++)
        {
            block.AsSpan().Fill((byte)i);
            writer.Write(block);
        }
        Assert.Equal(10 * block.Length, writer.WrittenCount);
        Assert.Equal(9, writer.WrittenSpan[^1]);
        Assert.Equal(0, writer.WrittenSpan[0]);
    }
}
