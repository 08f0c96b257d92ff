using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using FlowRouter.Core.Sse;
using FlowRouter.Core.Streaming;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.Gemini;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// Streamed translation to and from Gemini, measured like <see cref="StreamTranslation"/>: a fresh decoder and encoder
/// per stream, every event from start to end, reported per text delta (20 per stream). The Gemini stream is built from
/// the recorded gemini/stream-text fixture's chunk shapes (streamGenerateContent?alt=sse, CRLF-framed as Gemini sends
/// it): 19 text chunks like its first and a last text chunk like its final one, with finishReason STOP and usage.
/// </summary>
[MemoryDiagnoser]
public partial class GeminiStreamTranslation : WholeStreamBench
{
    private const int Deltas = StreamTranslation.Deltas;

    private SseEvent[] _geminiStream = [];
    private SseEvent[] _openAIStream = [];
    private SseEvent[] _anthropicStream = [];

    /// <summary>20 GenerateContentResponse chunks, one text part each; the last one ends the stream.</summary>
    public static string GeminiSse()
    {
        const string protocol = "gemini";
        const string fixture = "stream-text.response.sse";
        string middle = Fixtures.SseData(protocol, fixture, "\"text\": \"The\"");
        string last = Fixtures.SseData(protocol, fixture, "\"finishReason\": \"STOP\"");
        var sse = new StringBuilder();
        for (int i = 0; i < Deltas; i++)
        {
            string data = PartText().Replace(i < Deltas - 1 ? middle : last, $"\"text\": \"tok{i} \"", 1);
            sse.Append("data: ").Append(data).Append("\r\n\r\n");
        }
        return sse.ToString();
    }

    [GeneratedRegex("\"text\": \"[^\"]*\"")]
    private static partial Regex PartText();

    [GlobalSetup]
    public void Setup()
    {
        _geminiStream = Fixtures.SplitSse(GeminiSse());
        _openAIStream = Fixtures.SplitSse(StreamTranslation.OpenAISse());
        _anthropicStream = Fixtures.SplitSse(StreamTranslation.AnthropicSse());
        if (_geminiStream.Length != Deltas)
        {
            throw new InvalidOperationException($"expected {Deltas} Gemini chunks, got {_geminiStream.Length}");
        }
        string chat = Encoding.UTF8.GetString(Output(GeminiToChat_WholeStream));
        string anthropic = Encoding.UTF8.GetString(Output(GeminiToAnthropic_WholeStream));
        string fromChat = Encoding.UTF8.GetString(Output(ChatToGemini_WholeStream));
        string fromAnthropic = Encoding.UTF8.GetString(Output(AnthropicToGemini_WholeStream));
        if (!chat.Contains("tok19 ", StringComparison.Ordinal) || !chat.EndsWith("data: [DONE]\n\n", StringComparison.Ordinal)
            || !anthropic.Contains("tok19 ", StringComparison.Ordinal) || !anthropic.Contains("event: message_stop", StringComparison.Ordinal)
            || !fromChat.Contains("\"finishReason\":\"STOP\"", StringComparison.Ordinal) || CountOf(fromChat, "\"text\":") < Deltas
            || !fromAnthropic.Contains("\"finishReason\":\"STOP\"", StringComparison.Ordinal) || CountOf(fromAnthropic, "\"text\":") < Deltas)
        {
            throw new InvalidOperationException("translation sanity check failed:\n" + chat + "\n" + anthropic + "\n" + fromChat + "\n" + fromAnthropic);
        }
    }

    private static int CountOf(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int GeminiToChat_WholeStream()
    {
        using var encoder = new OpenAIChatStreamWriter(new OpenAIChatResponseWriterOptions());
        return Translate(_geminiStream, new GeminiStreamDecoder(), encoder);
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int GeminiToAnthropic_WholeStream()
    {
        using var encoder = new AnthropicStreamWriter();
        return Translate(_geminiStream, new GeminiStreamDecoder(), encoder);
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int ChatToGemini_WholeStream()
    {
        using var encoder = new GeminiStreamWriter(new GeminiResponseWriterOptions());
        return Translate(_openAIStream, new OpenAIChatStreamDecoder(), encoder);
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public int AnthropicToGemini_WholeStream()
    {
        using var encoder = new GeminiStreamWriter(new GeminiResponseWriterOptions());
        return Translate(_anthropicStream, new AnthropicStreamDecoder(), encoder);
    }
}
