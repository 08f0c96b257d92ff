using System.Buffers;
using System.Text.Json;
using FlowRouter.Core.Sse;

namespace FlowRouter.Bench.Codecs;

/// <summary>
/// The recorded provider traffic in shared/fixtures (found above the binary, as the tests do, or at
/// $FLOWROUTER_FIXTURES), minified the way SDKs send it, and SSE streams pre-split into owned <see cref="SseEvent"/>s.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path(string protocol, string name) => System.IO.Path.Combine(Root.Value, protocol, name);

    /// <summary>A fixture's JSON without indentation (what an SDK sends on the wire).</summary>
    public static byte[] MinifiedJson(string protocol, string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path(protocol, name)));
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            document.WriteTo(writer);
        }
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The JSON of one "data:" line of a recorded SSE fixture (the first whose data contains <paramref name="marker"/>).</summary>
    public static string SseData(string protocol, string name, string marker)
    {
        foreach (string line in File.ReadLines(Path(protocol, name)))
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(marker, StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }
        throw new InvalidOperationException($"{protocol}/{name}: no data line with {marker}");
    }

    /// <summary>Runs <see cref="SseReader"/> over <paramref name="sse"/> once and copies each event out of its buffer.</summary>
    public static SseEvent[] SplitSse(string sse)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(sse));
        using var reader = new SseReader(stream);
        var events = new List<SseEvent>();
        while (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } sseEvent)
        {
            events.Add(new SseEvent(sseEvent.Raw.ToArray(), sseEvent.Data.ToArray(), sseEvent.EventType, sseEvent.HasData));
        }
        return [.. events];
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("FLOWROUTER_FIXTURES") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/fixtures not found above " + AppContext.BaseDirectory + "; set FLOWROUTER_FIXTURES");
    }
}
