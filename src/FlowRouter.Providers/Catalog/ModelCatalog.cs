namespace FlowRouter.Providers.Catalog;

/// <summary>
/// Known model limits as data, matched by the longest name prefix (dated snapshots share their family's limits).
/// Used where a wire format needs a value the client did not give: Anthropic requires max_tokens, OpenAI clients
/// usually omit it. Figures are the vendors' documented maxima; an unknown model gets a conservative default that
/// every current model accepts.
/// </summary>
public static class ModelCatalog
{
    /// <summary>Accepted by every Claude model, old and new.</summary>
    public const int DefaultMaxOutputTokens = 4096;

    // StructuredOutput: Anthropic's output_config.format is documented for Claude Sonnet 4.5 and Opus 4.1 onwards
    // (docs.claude.com, "Structured outputs"); older models only follow a schema through a forced tool.
    private static readonly ModelLimits[] Known =
    [
        new("claude-opus-4-7", 200_000, 64_000, StructuredOutput: true),
        new("claude-opus-4-6", 200_000, 64_000, StructuredOutput: true),
        new("claude-opus-4-5", 200_000, 64_000, StructuredOutput: true),
        new("claude-opus-4-1", 200_000, 32_000, StructuredOutput: true),
        new("claude-opus-4", 200_000, 32_000),
        new("claude-sonnet-4-6", 200_000, 64_000, StructuredOutput: true),
        new("claude-sonnet-4-5", 200_000, 64_000, StructuredOutput: true),
        new("claude-sonnet-4", 200_000, 64_000),
        new("claude-haiku-4-5", 200_000, 64_000, StructuredOutput: true),
        new("claude-3-7-sonnet", 200_000, 64_000),
        new("claude-3-5-sonnet", 200_000, 8_192),
        new("claude-3-5-haiku", 200_000, 8_192),
        new("claude-3-opus", 200_000, 4_096),
        new("claude-3-haiku", 200_000, 4_096),
    ];

    /// <summary>The limits of the best-matching entry, or null when the model is not in the catalog.</summary>
    public static ModelLimits? Find(string model)
    {
        ModelLimits? best = null;
        foreach (var entry in Known)
        {
            if (model.StartsWith(entry.Prefix, StringComparison.OrdinalIgnoreCase) && (best is null || entry.Prefix.Length > best.Prefix.Length))
            {
                best = entry;
            }
        }
        return best;
    }

    /// <summary>The largest answer the model may give; <see cref="DefaultMaxOutputTokens"/> when unknown.</summary>
    public static int MaxOutputTokens(string model) => Find(model)?.MaxOutputTokens ?? DefaultMaxOutputTokens;

    /// <summary>
    /// True when the model follows a JSON schema natively. Unknown models get false: the forced-tool form works on
    /// every model with tool use, the native one only where it exists.
    /// </summary>
    public static bool HasStructuredOutput(string model) => Find(model)?.StructuredOutput ?? false;

    /// <summary>The list price of a request in USD, or null while the catalog has no prices for the model.</summary>
    public static decimal? EstimateCost(string model, long inputTokens, long outputTokens, long cacheReadTokens = 0, long cacheWriteTokens = 0) =>
        Find(model) is null ? null : null;
}
