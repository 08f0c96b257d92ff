namespace FlowRouter.Providers.Catalog;

/// <summary>What a model can take and give: its context window and its largest answer, in tokens.</summary>
public sealed record ModelLimits(string Prefix, int ContextWindow, int MaxOutputTokens);
