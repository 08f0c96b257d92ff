namespace FlowRouter.Providers.Catalog;

/// <summary>
/// What a model can take and give: its context window and its largest answer, in tokens, and whether it has a
/// native JSON-schema output mode (without one, structured output is asked for through a forced answer tool).
/// </summary>
public sealed record ModelLimits(string Prefix, int ContextWindow, int MaxOutputTokens, bool StructuredOutput = false);
