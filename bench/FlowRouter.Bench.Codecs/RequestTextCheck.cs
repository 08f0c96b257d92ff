using System.Text;
using BenchmarkDotNet.Attributes;
using FlowRouter.Protocols.Json;
using FlowRouter.Protocols.OpenAIChat;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// What the request scanners' text check (<see cref="JsonTextCheck.Find"/>: UTF-8 validity and unpaired surrogate
/// escapes, one pass before the reader's) costs next to the scan it guards, on a small body, a recorded tool-call
/// request, a 16 KB recorded one, and 1 MB of text with an escape every 40 bytes (code pasted as a message).
/// </summary>
[MemoryDiagnoser]
public class RequestTextCheck
{
    private readonly byte[] _small = """{"model":"fake/gpt-4o-mini","messages":[{"role":"user","content":"Hello, world!"}]}"""u8.ToArray();

    private byte[] _toolCall = [];
    private byte[] _cached = [];
    private byte[] _megabyte = [];

    [GlobalSetup]
    public void Setup()
    {
        _toolCall = Fixtures.MinifiedJson("openai-chat", "tool-call-single.request.json");
        _cached = Fixtures.MinifiedJson("openai-chat", "cached-tokens-usage.request.json");
        var text = new StringBuilder();
        while (text.Length < 1_000_000)
        {
            text.Append("    if (x < 10) { return \\\"caf\u00e9 \\u00e9\\\"; }\\n");
        }
        _megabyte = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}");
        if (JsonTextCheck.Find(_megabyte) is not null || OpenAIChatRequestScanner.Scan(_megabyte).Error is not null)
        {
            throw new InvalidOperationException("the 1 MB body must pass");
        }
    }

    [Benchmark]
    public bool Check_Small() => JsonTextCheck.Find(_small) is null;

    [Benchmark]
    public bool Check_ToolCall() => JsonTextCheck.Find(_toolCall) is null;

    [Benchmark]
    public bool Check_Cached16KB() => JsonTextCheck.Find(_cached) is null;

    [Benchmark]
    public bool Check_Code1MB() => JsonTextCheck.Find(_megabyte) is null;

    [Benchmark(Baseline = true)]
    public string? Scan_ToolCall() => OpenAIChatRequestScanner.Scan(_toolCall).Model;

    [Benchmark]
    public string? Scan_Cached16KB() => OpenAIChatRequestScanner.Scan(_cached).Model;

    [Benchmark]
    public string? Scan_Code1MB() => OpenAIChatRequestScanner.Scan(_megabyte).Model;
}
