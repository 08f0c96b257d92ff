using FlowRouter.Core.Canonical;

namespace FlowRouter.Protocols.Anthropic;

/// <summary>
/// Optional automatic prompt caching for clients that cannot mark it themselves (OpenAI clients going to Anthropic):
/// one ephemeral cache breakpoint at the end of the system prompt and one at the end of the last user turn, the two
/// places whose prefix repeats from turn to turn in chat and agent loops. A request that already carries any cache
/// marker is left alone: its client manages caching. Parts are replaced by marked copies in the writer's own lists,
/// so the canonical request (shared by every target of a combo) is never changed.
/// </summary>
internal static class AnthropicCacheBreakpoints
{
    private const string Ephemeral = """{"type":"ephemeral"}""";

    public static void Apply(List<ContentPart> system, List<AnthropicTurn> turns)
    {
        if (HasMarker(system) || turns.Exists(t => HasMarker(t.Parts)))
        {
            return;
        }
        MarkLast(system);
        var lastUser = turns.FindLast(t => t.Role == "user");
        if (lastUser is not null)
        {
            MarkLast(lastUser.Parts);
        }
    }

    private static void MarkLast(List<ContentPart> parts)
    {
        for (int i = parts.Count - 1; i >= 0; i--)
        {
            if (Marked(parts[i]) is { } marked)
            {
                parts[i] = marked;
                return;
            }
        }
    }

    /// <summary>A copy of the part with the breakpoint, or null for parts Anthropic cannot cache on.</summary>
    private static ContentPart? Marked(ContentPart part) => part switch
    {
        TextPart { Text.Length: > 0 } text => new TextPart(text.Text) { CacheControlJson = Ephemeral, AnnotationsJson = text.AnnotationsJson, Extensions = text.Extensions },
        ToolResultPart result => CopyResult(result),
        _ => null,
    };

    private static ToolResultPart CopyResult(ToolResultPart result)
    {
        var copy = new ToolResultPart(result.ToolCallId)
        {
            ToolName = result.ToolName,
            ContentIsString = result.ContentIsString,
            IsError = result.IsError,
            CacheControlJson = Ephemeral,
            Extensions = result.Extensions,
        };
        copy.Content.AddRange(result.Content);
        return copy;
    }

    private static bool HasMarker(List<ContentPart> parts) => parts.Exists(p => p switch
    {
        TextPart text => text.CacheControlJson is not null,
        ToolResultPart result => result.CacheControlJson is not null,
        ImagePart image => image.CacheControlJson is not null,
        FilePart file => file.CacheControlJson is not null,
        _ => false,
    });
}
