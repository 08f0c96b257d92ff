namespace FlowRouter.Core.Canonical;

/// <summary>
/// A content block only its source protocol can carry (Anthropic server_tool_use, web_search_tool_result,
/// mcp_tool_use…), kept as its raw JSON so a same-protocol hop is exact. Writers for other protocols skip it: there
/// is nothing meaningful to translate it into, and inventing text would change what the model sees.
/// </summary>
public sealed class RawPart(WireProtocol source, string type, string json) : ContentPart
{
    public WireProtocol Source { get; } = source;

    /// <summary>The block's "type" value, for logs and for writers deciding whether it is theirs.</summary>
    public string Type { get; } = type;

    /// <summary>The whole block as raw JSON.</summary>
    public string Json { get; set; } = json;
}
