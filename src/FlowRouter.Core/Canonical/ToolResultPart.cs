namespace FlowRouter.Core.Canonical;

/// <summary>The answer to one tool call, as content parts (usually a single text part).</summary>
public sealed class ToolResultPart(string toolCallId) : ContentPart
{
    public string ToolCallId { get; set; } = toolCallId;

    /// <summary>The called tool's name when the wire format carries it (Gemini needs it), else null.</summary>
    public string? ToolName { get; set; }

    public List<ContentPart> Content { get; } = [];

    /// <summary>True when the content was given as a plain string rather than a list of parts.</summary>
    public bool ContentIsString { get; set; }

    public bool IsError { get; set; }

    public string? CacheControlJson { get; set; }
}
