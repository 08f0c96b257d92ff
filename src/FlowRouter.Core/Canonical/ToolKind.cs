namespace FlowRouter.Core.Canonical;

public enum ToolKind
{
    /// <summary>A function with a JSON-schema for its arguments.</summary>
    Function,

    /// <summary>A free-form input tool (OpenAI custom tools, grammar-constrained).</summary>
    Custom,

    /// <summary>A provider-hosted tool (web search, code interpreter): definition kept raw, same protocol only.</summary>
    Hosted,
}
