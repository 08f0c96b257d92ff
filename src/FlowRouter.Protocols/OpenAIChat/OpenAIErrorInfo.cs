namespace FlowRouter.Protocols.OpenAIChat;

/// <summary>What an upstream error body said, in OpenAI's terms; every field but the message may be missing.</summary>
public sealed record OpenAIErrorInfo(string Message, string? Type, string? Code, string? Param);
