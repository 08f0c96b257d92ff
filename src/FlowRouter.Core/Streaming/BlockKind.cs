namespace FlowRouter.Core.Streaming;

/// <summary>What a streamed content block holds.</summary>
public enum BlockKind
{
    Text,
    ToolCall,
    Reasoning,
    RedactedReasoning,
    Refusal,
}
