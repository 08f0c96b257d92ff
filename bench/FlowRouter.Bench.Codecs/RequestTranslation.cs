using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// Requests: the client's body read into the canonical request and written for the other protocol (the ingress's
/// TryBuild on a translated target), next to the passthrough hot path: scan + "model" rewrite of the same body.
/// </summary>
[MemoryDiagnoser]
public class RequestTranslation
{
    /// <summary>bench/chat.lua's body: what the end-to-end harness sends.</summary>
    private static readonly byte[] SmallOpenAI = """{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"Hello, world!"}]}"""u8.ToArray();

    /// <summary>bench/messages.lua's body.</summary>
    private static readonly byte[] SmallAnthropic =
        """{"model":"fake/gpt-4o-mini","max_tokens":256,"messages":[{"role":"user","content":"Hello, world!"}]}"""u8.ToArray();

    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private byte[] _openAIToolCall = [];
    private byte[] _anthropicParallelTools = [];

    [GlobalSetup]
    public void Setup()
    {
        _openAIToolCall = Fixtures.MinifiedJson("openai-chat", "tool-call-single.request.json");
        _anthropicParallelTools = Fixtures.MinifiedJson("anthropic-messages", "parallel-tool-use.request.json");
        OpenAIToolCallSingle_to_Anthropic();
        if (!Encoding.UTF8.GetString(_output.WrittenSpan).Contains("\"input_schema\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("OpenAI → Anthropic request sanity check failed");
        }
    }

    private int ToAnthropic(byte[] openAI)
    {
        _output.ResetWrittenCount();
        ChatRequest request = OpenAIChatRequestReader.Read(openAI);
        AnthropicRequestWriter.Write(request, _output, new AnthropicRequestWriterOptions
        {
            Model = "claude-haiku-4-5",
            DefaultMaxTokens = 64000,
            TargetProvider = "anthropic",
            TargetModel = "claude-haiku-4-5",
        });
        return _output.WrittenCount;
    }

    private int ToOpenAI(byte[] anthropic)
    {
        _output.ResetWrittenCount();
        ChatRequest request = AnthropicRequestReader.Read(anthropic);
        OpenAIChatRequestWriter.Write(request, _output, new OpenAIChatRequestWriterOptions { Model = "gpt-4o-mini" });
        return _output.WrittenCount;
    }

    private int PassthroughOpenAI(byte[] body)
    {
        _output.ResetWrittenCount();
        var scan = OpenAIChatRequestScanner.Scan(body);
        OpenAIChatRequestScanner.RewriteModel(body, scan, "gpt-4o-mini", _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int OpenAIToolCallSingle_to_Anthropic() => ToAnthropic(_openAIToolCall);

    [Benchmark]
    public int AnthropicParallelTools_to_OpenAI() => ToOpenAI(_anthropicParallelTools);

    [Benchmark]
    public int AnthropicSmall_to_OpenAI() => ToOpenAI(SmallAnthropic);

    [Benchmark(Baseline = true)]
    public int Passthrough_OpenAIToolCallSingle() => PassthroughOpenAI(_openAIToolCall);

    [Benchmark]
    public int Passthrough_OpenAISmall() => PassthroughOpenAI(SmallOpenAI);

    [Benchmark]
    public int Passthrough_AnthropicParallelTools()
    {
        _output.ResetWrittenCount();
        var scan = AnthropicRequestScanner.Scan(_anthropicParallelTools);
        AnthropicRequestScanner.RewriteModel(_anthropicParallelTools, scan, "claude-haiku-4-5", _output);
        return _output.WrittenCount;
    }
}
