using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;
using FlowRouter.Protocols.OpenAIResponses;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// Streamed translation to and from the Responses API, measured like <see cref="StreamTranslation"/>: a fresh
/// decoder and encoder per stream, every event from start to end, reported per text delta (20 per stream).
/// The Responses stream is built from the recorded stream-text fixture's event shapes with 20 output_text deltas.
/// </summary>
[MemoryDiagnoser]
public partial class ResponsesStreamTranslation : WholeStreamBench
{
    private const int Deltas = StreamTranslation.Deltas;

    private SseEvent[] _responsesStream = [];
    private SseEvent[] _openAIStream = [];
    private SseEvent[] _anthropicStream = [];

    /// <summary>response.created, in_progress, output_item.added, content_part.added, 20 deltas, the three done events, completed.</summary>
    public static string ResponsesSse()
    {
        const string protocol = "openai-responses";
        const string fixture = "stream-text.response.sse";
        var sse = new StringBuilder();
        void Add(string type) => sse.Append("event: ").Append(type).Append("\ndata: ")
            .Append(Fixtures.SseData(protocol, fixture, $"\"type\":\"{type}\"")).Append("\n\n");
        Add("response.created");
        Add("response.in_progress");
        Add("response.output_item.added");
        Add("response.content_part.added");
        string delta = Fixtures.SseData(protocol, fixture, "\"type\":\"response.output_text.delta\"");
        for (int i = 0; i < Deltas; i++)
        {
            string data = DeltaText().Replace(delta, $"\"delta\":\"tok{i} \"", 1);
            sse.Append("event: response.output_text.delta\ndata: ").Append(data).Append("\n\n");
        }
        Add("response.output_text.done");
        Add("response.content_part.done");
        Add("response.output_item.done");
        Add("response.completed");
        return sse.ToString();
    }

    [GeneratedRegex("\"delta\":\"[^\"]*\"")]
    private static partial Regex DeltaText();

    [GlobalSetup]
    public void Setup()
    {
        _responsesStream = Fixtures.SplitSse(ResponsesSse());
        _openAIStream = Fixtures.SplitSse(StreamTranslation.OpenAISse());
        _anthropicStream = Fixtures.SplitSse(StreamTranslation.AnthropicSse());
        string chat = Encoding.UTF8.GetString(Output(ResponsesToChat_WholeStream));
        string responses = Encoding.UTF8.GetString(Output(ChatToResponses_WholeStream));
        if (!chat.Contains("tok19 ", StringComparison.Ordinal) || !chat.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal)
            || !responses.Contains("tok19 ", StringComparison.Ordinal) || !responses.Contains("event: response.completed", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("translation sanity check failed:\n" + chat + "\n" + responses);
        }
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int ResponsesToChat_WholeStream()
    {
        using var encoder = new OpenAIChatStreamWriter(new OpenAIChatResponseWriterOptions());
        return Translate(_responsesStream, new ResponsesStreamDecoder(), encoder);
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int ResponsesToAnthropic_WholeStream()
    {
        using var encoder = new AnthropicStreamWriter();
        return Translate(_responsesStream, new ResponsesStreamDecoder(), encoder);
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int ChatToResponses_WholeStream()
    {
        using var encoder = new ResponsesStreamWriter(new ResponsesResponseWriterOptions());
        return Translate(_openAIStream, new OpenAIChatStreamDecoder(), encoder);
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int AnthropicToResponses_WholeStream()
    {
        using var encoder = new ResponsesStreamWriter(new ResponsesResponseWriterOptions());
        return Translate(_anthropicStream, new AnthropicStreamDecoder(), encoder);
    }
}
