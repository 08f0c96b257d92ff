namespace FlowRouter.Core.Canonical;

/// <summary>
/// A call the assistant makes. Arguments stay the raw JSON text the model produced: never parsed and re-serialised,
/// so key order and number spelling survive every hop.
/// </summary>
public sealed class ToolCallPart(string id, string name, string argumentsJson) : ContentPart
{
    public string Id { get; set; } = id;
    public string Name { get; set; } = name;
    public string ArgumentsJson { get; set; } = argumentsJson;

    /// <summary>function (JSON arguments) or custom (free-form input text, OpenAI custom tools).</summary>
    public ToolKind Kind { get; set; } = ToolKind.Function;

    /// <summary>Provider-bound opaque signature attached to the call (Gemini thoughtSignature), or null.</summary>
    public string? Signature { get; set; }

    /// <summary>
    /// The id of the wire item that carried the call, where a protocol gives items an id of their own besides the call
    /// id (OpenAI Responses function_call "fc_…" beside call_id), so a same-protocol write reproduces it; else null.
    /// </summary>
    public string? ItemId { get; set; }

    /// <summary>
    /// True when the call came as OpenAI's deprecated single function_call (no id) rather than a tool_calls entry;
    /// that protocol's writers answer in kind, other writers ignore it.
    /// </summary>
    public bool LegacyFunctionCall { get; set; }
}
