namespace FlowRouter.Protocols.Anthropic;

/// <summary>How <see cref="AnthropicRequestWriter"/> shapes a request for its target.</summary>
public sealed record AnthropicRequestWriterOptions
{
    /// <summary>The upstream model name to write instead of <c>ChatRequest.Model</c>, or null to keep it.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// The provider the request goes to (as the router names it). With <see cref="TargetModel"/> it decides which
    /// reasoning parts may be replayed: a part whose OriginProvider/OriginModel names another target is dropped,
    /// because a thinking signature is only valid for the model that produced it. Null: no check.
    /// </summary>
    public string? TargetProvider { get; init; }

    /// <summary>The upstream model the request goes to, for the reasoning check above; null: no check.</summary>
    public string? TargetModel { get; init; }

    /// <summary>
    /// max_tokens for a request that carries no limit (Anthropic requires one, OpenAI and Gemini do not). The caller
    /// supplies the target model's output limit from its catalog; 4096 is only a safe floor every Claude model takes.
    /// </summary>
    public int DefaultMaxTokens { get; init; } = 4096;

    /// <summary>
    /// The target model's largest answer, when known: a client limit above it is lowered to it, since Anthropic
    /// rejects max_tokens above the model's maximum instead of capping it. Null: no clamp.
    /// </summary>
    public int? MaxTokensLimit { get; init; }

    /// <summary>Adds cache breakpoints (system, last user turn) when the request has none; see <see cref="AnthropicCacheBreakpoints"/>.</summary>
    public bool AutoCacheBreakpoints { get; init; }

    /// <summary>
    /// True when the target model has no native structured output (output_config.format): a JSON-schema response
    /// format then goes out as a forced answer tool (see <see cref="Transforms.StructuredOutputTool"/>), and the
    /// reader of the answer must be told the same (see <see cref="Transforms.StructuredOutputStreamFilter"/>).
    /// </summary>
    public bool StructuredOutputAsTool { get; init; }
}
