namespace FlowRouter.Translation;

/// <summary>Which wire format's model-bound reasoning values to look for (see <see cref="ReasoningOriginStamp"/>).</summary>
internal enum ReasoningFormat
{
    /// <summary>thinking signatures and redacted_thinking data.</summary>
    Anthropic,

    /// <summary>encrypted_content and rs_ reasoning item ids.</summary>
    Responses,
}
