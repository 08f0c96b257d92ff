namespace FlowRouter.Core.Canonical;

/// <summary>Reasoning controls: an effort word (OpenAI), a token budget (Anthropic, Gemini), a summary mode.</summary>
public sealed record ReasoningOptions
{
    /// <summary>minimal|low|medium|high (or a provider's own word), or null.</summary>
    public string? Effort { get; init; }

    public int? BudgetTokens { get; init; }

    /// <summary>Responses API summary mode (auto|concise|detailed), or null.</summary>
    public string? Summary { get; init; }

    /// <summary>True when the client asked for reasoning to be returned to it (Gemini includeThoughts).</summary>
    public bool? IncludeThoughts { get; init; }

    /// <summary>False when the client turned reasoning off explicitly (Anthropic thinking.type=disabled).</summary>
    public bool? Enabled { get; init; }
}
