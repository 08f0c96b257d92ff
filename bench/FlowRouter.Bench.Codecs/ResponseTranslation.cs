using System.Buffers;
using BenchmarkDotNet.Attributes;
using FlowRouter.Core.Canonical;
using FlowRouter.Protocols.Anthropic;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// Non-streamed answers: the upstream's JSON read into the canonical response and written in the client's format
/// (TranslatedAnswer.Read + the ingress's response writer), next to what the passthrough relay does with the same
/// body (read the usage, copy the bytes).
/// </summary>
[MemoryDiagnoser]
public class ResponseTranslation
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private byte[] _anthropicText = [];
    private byte[] _anthropicToolUse = [];
    private byte[] _openAIText = [];
    private byte[] _openAIParallelTools = [];

    [GlobalSetup]
    public void Setup()
    {
        _anthropicText = Fixtures.MinifiedJson("anthropic-messages", "text-basic.response.json");
        _anthropicToolUse = Fixtures.MinifiedJson("anthropic-messages", "tool-use.response.json");
        _openAIText = Fixtures.MinifiedJson("openai-chat", "text-basic.response.json");
        _openAIParallelTools = Fixtures.MinifiedJson("openai-chat", "parallel-tool-calls.response.json");
    }

    private int ToOpenAI(byte[] anthropic)
    {
        _output.ResetWrittenCount();
        ChatResponse response = AnthropicResponseReader.Read(anthropic);
        OpenAIChatResponseWriter.Write(response, _output, new OpenAIChatResponseWriterOptions { IncludeUsage = false, TimeProvider = TimeProvider.System });
        return _output.WrittenCount;
    }

    private int ToAnthropic(byte[] openAI)
    {
        _output.ResetWrittenCount();
        ChatResponse response = OpenAIChatResponseReader.Read(openAI);
        AnthropicResponseWriter.Write(response, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int AnthropicTextBasic_to_OpenAI() => ToOpenAI(_anthropicText);

    [Benchmark]
    public int AnthropicToolUse_to_OpenAI() => ToOpenAI(_anthropicToolUse);

    [Benchmark]
    public int OpenAITextBasic_to_Anthropic() => ToAnthropic(_openAIText);

    [Benchmark]
    public int OpenAIParallelTools_to_Anthropic() => ToAnthropic(_openAIParallelTools);

    [Benchmark(Baseline = true)]
    public int Passthrough_OpenAITextBasic()
    {
        _output.ResetWrittenCount();
        OpenAIUsageReader.TryRead(_openAIText, out _);
        _output.Write(_openAIText);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int Passthrough_AnthropicTextBasic()
    {
        _output.ResetWrittenCount();
        var usage = new AnthropicUsageScan();
        usage.Apply(_anthropicText);
        _output.Write(_anthropicText);
        return _output.WrittenCount + (usage.Current is null ? 0 : 1);
    }
}
