using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Gemini;

/// <summary>What the part writer needs beyond the part: spellings, options, call names by id, and which calls get the fallback signature.</summary>
internal sealed class GeminiWriteContext(GeminiNames names, GeminiRequestWriterOptions options, bool sameProtocol)
{
    public GeminiNames Names { get; } = names;
    public GeminiRequestWriterOptions Options { get; } = options;

    /// <summary>True when the request was read from Gemini: its parts are written as they are.</summary>
    public bool SameProtocol { get; } = sameProtocol;

    public Dictionary<string, string> CallNames { get; } = new(StringComparer.Ordinal);
    public HashSet<ToolCallPart> FallbackSignature { get; } = [];
}
