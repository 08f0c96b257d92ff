using System.Buffers;

namespace FlowRouter.Core.Streaming;

/// <summary>Writes canonical events in a client's wire format, one event at a time. One instance per stream.</summary>
public interface IStreamEncoder : IDisposable
{
    void Write(StreamEvent streamEvent, IBufferWriter<byte> output);
}
