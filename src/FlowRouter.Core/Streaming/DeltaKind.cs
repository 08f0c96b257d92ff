namespace FlowRouter.Core.Streaming;

/// <summary>What a block delta's fragment adds to its block.</summary>
public enum DeltaKind
{
    Text,

    /// <summary>A raw fragment of a tool call's JSON arguments; never parsed mid-stream.</summary>
    Arguments,

    Reasoning,
    Signature,
    Refusal,
}
