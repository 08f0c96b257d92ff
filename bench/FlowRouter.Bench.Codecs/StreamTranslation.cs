using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// Streamed translation, the way TranslatingStreamRelay does it: each upstream SSE event is decoded to canonical
/// events and each of those is encoded in the client's format. The streams are built from the recorded fixtures'
/// event shapes with 20 text deltas; they are split into <see cref="SseEvent"/>s once, in setup.
/// <list type="bullet">
/// <item>*_WholeStream: a fresh decoder, encoder and event list per stream (as per request in the router), all events
/// from message start to stop; reported per text delta (OperationsPerInvoke = 20), so start/stop are amortized in.</item>
/// <item>*_DeltaOnly: the steady state: one already-started stream fed the 20 text-delta events; per delta event.</item>
/// <item>Passthrough_OpenAI_PerEvent: for comparison, what the OpenAI→OpenAI relay does per event (usage-chunk check
/// plus copying the raw bytes out); per event of the same 20-delta stream.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
public class StreamTranslation
{
    public const int Deltas = 20;

    private readonly ArrayBufferWriter<byte> _output = new(256 * 1024);
    private readonly List<StreamEvent> _events = new(8);
    private SseEvent[] _anthropicStream = [];
    private SseEvent[] _openAIStream = [];
    private SseEvent[] _anthropicDeltas = [];
    private SseEvent[] _openAIDeltas = [];
    private AnthropicStreamDecoder _steadyAnthropicDecoder = null!;
    private OpenAIChatStreamWriter _steadyOpenAIWriter = null!;
    private OpenAIChatStreamDecoder _steadyOpenAIDecoder = null!;
    private AnthropicStreamWriter _steadyAnthropicWriter = null!;

    /// <summary>Anthropic Messages stream: message_start, content_block_start, ping, 20 content_block_delta, content_block_stop, message_delta, message_stop.</summary>
    public static string AnthropicSse()
    {
        const string fixture = "stream-text.response.sse";
        const string protocol = "anthropic-messages";
        string delta = Fixtures.SseData(protocol, fixture, "\"content_block_delta\"");
        var sse = new StringBuilder();
        void Add(string type, string data) => sse.Append("event: ").Append(type).Append("\ndata: ").Append(data).Append("\n\n");
        Add("message_start", Fixtures.SseData(protocol, fixture, "\"message_start\""));
        Add("content_block_start", Fixtures.SseData(protocol, fixture, "\"content_block_start\""));
        Add("ping", Fixtures.SseData(protocol, fixture, "\"ping\""));
        for (int i = 0; i < Deltas; i++)
        {
            Add("content_block_delta", delta.Replace("\"text\":\"Hello\"", $"\"text\":\"tok{i} \"", StringComparison.Ordinal));
        }
        Add("content_block_stop", Fixtures.SseData(protocol, fixture, "\"content_block_stop\""));
        Add("message_delta", Fixtures.SseData(protocol, fixture, "\"message_delta\""));
        Add("message_stop", Fixtures.SseData(protocol, fixture, "\"message_stop\""));
        return sse.ToString();
    }

    /// <summary>OpenAI chat.completion.chunk stream: role chunk, 20 content chunks, finish chunk, usage chunk, [DONE].</summary>
    public static string OpenAISse()
    {
        const string fixture = "stream-text-usage.response.sse";
        const string protocol = "openai-chat";
        string content = Fixtures.SseData(protocol, fixture, "\"delta\":{\"content\":\"420\"}");
        var sse = new StringBuilder();
        void Add(string data) => sse.Append("data: ").Append(data).Append("\n\n");
        Add(Fixtures.SseData(protocol, fixture, "\"role\":\"assistant\""));
        for (int i = 0; i < Deltas; i++)
        {
            Add(content.Replace("\"content\":\"420\"", $"\"content\":\"tok{i} \"", StringComparison.Ordinal));
        }
        Add(Fixtures.SseData(protocol, fixture, "\"finish_reason\":\"stop\""));
        Add(Fixtures.SseData(protocol, fixture, "\"choices\":[]"));
        Add("[DONE]");
        return sse.ToString();
    }

    [GlobalSetup]
    public void Setup()
    {
        _anthropicStream = Fixtures.SplitSse(AnthropicSse());
        _openAIStream = Fixtures.SplitSse(OpenAISse());
        _anthropicDeltas = [.. _anthropicStream.Where(e => e.EventType == "content_block_delta")];
        _openAIDeltas = _openAIStream[1..(1 + Deltas)];
        if (_anthropicStream.Length != Deltas + 6 || _openAIStream.Length != Deltas + 4 || _anthropicDeltas.Length != Deltas)
        {
            throw new InvalidOperationException("unexpected stream shape");
        }

        // The steady-state pairs: started with everything before the first delta.
        _steadyAnthropicDecoder = new AnthropicStreamDecoder();
        _steadyOpenAIWriter = new OpenAIChatStreamWriter(new OpenAIChatResponseWriterOptions());
        Feed(_steadyAnthropicDecoder, _steadyOpenAIWriter, _anthropicStream.AsSpan(0, 3));
        _steadyOpenAIDecoder = new OpenAIChatStreamDecoder();
        _steadyAnthropicWriter = new AnthropicStreamWriter();
        Feed(_steadyOpenAIDecoder, _steadyAnthropicWriter, _openAIStream.AsSpan(0, 1));

        // Sanity: the whole-stream translations end properly and carry every delta.
        string openAI = Encoding.UTF8.GetString(Output(AnthropicToOpenAI_WholeStream));
        string anthropic = Encoding.UTF8.GetString(Output(OpenAIToAnthropic_WholeStream));
        if (!openAI.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal) || !openAI.Contains("tok19 ", StringComparison.Ordinal)
            || !anthropic.Contains("event: message_stop", StringComparison.Ordinal) || !anthropic.Contains("tok19 ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("translation sanity check failed:\n" + openAI + "\n" + anthropic);
        }
    }

    private byte[] Output(Func<int> run)
    {
        run();
        return _output.WrittenSpan.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _steadyOpenAIWriter.Dispose();
        _steadyAnthropicWriter.Dispose();
    }

    private bool Feed(IStreamDecoder decoder, IStreamEncoder encoder, ReadOnlySpan<SseEvent> sseEvents)
    {
        foreach (ref readonly var sseEvent in sseEvents)
        {
            _events.Clear();
            bool finished = decoder.Decode(sseEvent, _events);
            foreach (var streamEvent in _events)
            {
                encoder.Write(streamEvent, _output);
            }
            if (finished)
            {
                return true;
            }
        }
        return false;
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int AnthropicToOpenAI_WholeStream()
    {
        _output.ResetWrittenCount();
        var decoder = new AnthropicStreamDecoder();
        using var encoder = new OpenAIChatStreamWriter(new OpenAIChatResponseWriterOptions());
        var events = new List<StreamEvent>(8); // per stream in the relay
        foreach (var sseEvent in _anthropicStream)
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

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int OpenAIToAnthropic_WholeStream()
    {
        _output.ResetWrittenCount();
        var decoder = new OpenAIChatStreamDecoder();
        using var encoder = new AnthropicStreamWriter();
        var events = new List<StreamEvent>(8);
        foreach (var sseEvent in _openAIStream)
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

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int AnthropicToOpenAI_DeltaOnly()
    {
        _output.ResetWrittenCount();
        Feed(_steadyAnthropicDecoder, _steadyOpenAIWriter, _anthropicDeltas);
        return _output.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int OpenAIToAnthropic_DeltaOnly()
    {
        _output.ResetWrittenCount();
        Feed(_steadyOpenAIDecoder, _steadyAnthropicWriter, _openAIDeltas);
        return _output.WrittenCount;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Deltas)]
    public int Passthrough_OpenAI_PerEvent()
    {
        _output.ResetWrittenCount();
        foreach (var sseEvent in _openAIDeltas)
        {
            if (!OpenAIUsageReader.IsUsageOnlyChunk(sseEvent.Data.Span))
            {
                _output.Write(sseEvent.Raw.Span);
            }
        }
        return _output.WrittenCount;
    }
}
