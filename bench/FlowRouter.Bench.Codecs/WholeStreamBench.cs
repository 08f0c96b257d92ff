using System.Buffers;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// What the whole-stream translation benchmarks share: one output buffer, and a stream translated the way
/// TranslatingStreamRelay does it (decode each upstream event, encode each canonical event, stop at the end).
/// </summary>
public abstract class WholeStreamBench
{
    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);

    /// <summary>The bytes one run writes (for setup's sanity checks).</summary>
    protected byte[] Output(Func<int> run)
    {
        run();
        return _output.WrittenSpan.ToArray();
    }

    protected int Translate(SseEvent[] stream, IStreamDecoder decoder, IStreamEncoder encoder)
    {
        _output.ResetWrittenCount();
        var events = new List<StreamEvent>(8);
        foreach (var sseEvent in stream)
        {
            events.Clear();
            bool finished = decoder.Decode(sseEvent, events);
            foreach (var streamEvent in events)
            {
                encoder.Write(streamEvent, _output);
            }
            if (finished)
            {
                break;
            }
        }
        return _output.WrittenCount;
    }
}
