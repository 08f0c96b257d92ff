namespace FlowRouter.Providers.Catalog;

/// <summary>
/// What FlowRouter knows about a model family, matched by <see cref="Prefix"/>: its context window and largest answer
/// in tokens (null when the vendor documents none), whether it has a native JSON-schema output mode (without one,
/// structured output is asked for through a forced answer tool), its list prices and its capabilities.
/// </summary>
public sealed record ModelLimits(string Prefix, int? ContextWindow, int? MaxOutputTokens, bool StructuredOutput = false)
{
    /// <summary>Who makes or serves the model ("openai", "anthropic", "google", "groq", …); informational.</summary>
    public string? Vendor { get; init; }

    /// <summary>List prices in USD per 1M tokens; every figure may be unknown.</summary>
    public ModelPrices Prices { get; init; } = ModelPrices.Unknown;

    /// <summary>Function/tool calling.</summary>
    public bool Tools { get; init; }

    /// <summary>Image input.</summary>
    public bool Vision { get; init; }

    /// <summary>Thinking / reasoning effort.</summary>
    public bool Reasoning { get; init; }
}
