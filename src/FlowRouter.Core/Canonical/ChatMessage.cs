namespace FlowRouter.Core.Canonical;

public sealed class ChatMessage(ChatRole role)
{
    public ChatRole Role { get; set; } = role;

    public List<ContentPart> Parts { get; } = [];

    /// <summary>Participant name (OpenAI "name"), or null.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// True when the wire gave content as a plain string (OpenAI, Anthropic) rather than a list of parts, so a
    /// same-protocol write reproduces the same JSON.
    /// </summary>
    public bool ContentIsString { get; set; }

    /// <summary>True when the wire gave content as JSON null (an OpenAI assistant turn with only tool calls).</summary>
    public bool ContentIsNull { get; set; }

    public JsonExtensions? Extensions { get; set; }
}
