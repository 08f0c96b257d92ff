namespace FlowRouter.Core.Canonical;

/// <summary>The wire formats FlowRouter speaks, as a client-facing ingress and as a provider-facing egress.</summary>
public enum WireProtocol
{
    OpenAIChat,
    OpenAIResponses,
    Anthropic,
    Gemini,
}
