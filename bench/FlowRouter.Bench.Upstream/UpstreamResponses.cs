using System.Text;

namespace FlowRouter.Bench.Upstream;

/// <summary>The fake's answers, encoded once at start so a request costs a memcpy into the socket.</summary>
internal static class UpstreamResponses
{
    private const string Id = "chatcmpl-BenchUpstream0000000000000";
    private const string Model = "gpt-4o-mini-2024-07-18";
    private const int ContentChunks = 18; // + a role chunk and a finish chunk = 20 chat.completion.chunk events

    /// <summary>shared/fixtures/openai-chat/text-basic.response.json, minified.</summary>
    public static readonly byte[] Completion =
        """{"id":"chatcmpl-D8dUjRkJNE7oAraZr6I7Jy8l3f2eU","object":"chat.completion","created":1770950813,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I assist you today?","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":9,"total_tokens":20,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"Sanitized"}"""u8.ToArray();

    /// <summary>
    /// A chat completion of 30 MB (bench/memory.sh): just under the router's default max_answer_mb (32), built on
    /// first use so the load harness does not pay for it.
    /// </summary>
    public static readonly Lazy<byte[]> LargeCompletion = new(() => Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-BenchLarge","object":"chat.completion","created":1770950813,"model":"big-answer","choices":[{"index":0,"message":{"role":"assistant","content":" """
        + new string('x', (30 * 1024 * 1024) - 400)
        + """ "},"finish_reason":"stop"}],"usage":{"prompt_tokens":11,"completion_tokens":9,"total_tokens":20}}"""));

    public static readonly byte[] Models =
        """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":0,"owned_by":"bench"}]}"""u8.ToArray();

    /// <summary>20 chunks (role, 18 content tokens, finish), a usage-only chunk, then [DONE]: one array per SSE event.</summary>
    public static readonly byte[][] StreamEvents = BuildStream();

    private static byte[][] BuildStream()
    {
        var events = new List<byte[]>
        {
            Chunk("""{"role":"assistant","content":"","refusal":null}""", "null"),
        };
        for (int i = 0; i < ContentChunks; i++)
        {
            events.Add(Chunk($$"""{"content":"tok{{i}} "}""", "null"));
        }
        events.Add(Chunk("{}", "\"stop\""));
        events.Add(Event($$$$"""{"id":"{{{{Id}}}}","object":"chat.completion.chunk","created":1770950813,"model":"{{{{Model}}}}","service_tier":"default","system_fingerprint":"fp_bench","choices":[],"usage":{"prompt_tokens":11,"completion_tokens":{{{{ContentChunks}}}},"total_tokens":{{{{11 + ContentChunks}}}},"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}"""));
        events.Add(Event("[DONE]"));
        return [.. events];
    }

    private static byte[] Chunk(string delta, string finishReason) =>
        Event($$"""{"id":"{{Id}}","object":"chat.completion.chunk","created":1770950813,"model":"{{Model}}","service_tier":"default","system_fingerprint":"fp_bench","choices":[{"index":0,"delta":{{delta}},"logprobs":null,"finish_reason":{{finishReason}}}],"usage":null}""");

    private static byte[] Event(string data) => Encoding.UTF8.GetBytes("data: " + data + "\n\n");
}
