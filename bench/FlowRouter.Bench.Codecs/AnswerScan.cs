using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FlowRouter.Providers.Http;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// What the bad-answer check costs on the hot path: <see cref="JsonAnswerScan"/> runs once per passthrough JSON answer
/// and once per passthrough stream event. Beside it, a JsonDocument parse of the same bytes for scale.
/// </summary>
[MemoryDiagnoser]
public class AnswerScan
{
    // Inline (no fixture files): a chat.completion.chunk and a whole chat.completion the size providers send.
    private readonly byte[] _chunk = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-D8dUjRkJNE7oAraZr6I7Jy8l3f2eU","object":"chat.completion.chunk","created":1770950813,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_560af6e559","choices":[{"index":0,"delta":{"content":" assist"},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Xq3"}""");

    private readonly byte[] _answer = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-D8dUjRkJNE7oAraZr6I7Jy8l3f2eU","object":"chat.completion","created":1770950813,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I assist you today?","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":9,"total_tokens":20,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_560af6e559"}""");

    [Benchmark]
    public AnswerShape Scan_StreamChunk() => JsonAnswerScan.Scan(_chunk, out _);

    [Benchmark]
    public AnswerShape Scan_JsonAnswer() => JsonAnswerScan.Scan(_answer, out _);

    [Benchmark(Baseline = true)]
    public int JsonDocument_JsonAnswer()
    {
        using var document = JsonDocument.Parse(_answer);
        return document.RootElement.GetProperty("choices").GetArrayLength();
    }
}
